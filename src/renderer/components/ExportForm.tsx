// The export form shared by Resources and Offline review: format, file name, target namespace, bundle passphrase.

import { FileDown } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ErrorData, Result } from '../../shared/errors';
import type { ExportResult } from '../../shared/ipc/transfer';
import { followProposal, proposedName, safeFileName } from '../export-name';
import { saveDownload } from '../files';
import { useAppInfo } from '../store/app-info';
import { useUi } from '../store/ui';
import { ErrorNote } from './ErrorNote';
import { TextInput } from './TextInput';

export type ExportFormat = 'json' | 'list' | 'bundle';

/** The page proposes a name only; main decides where the file goes (Electron's save dialog, or a browser download). */
export interface ExportRequest {
  format: ExportFormat;
  fileName: string;
  namespace?: string;
  passphrase?: string;
}

export interface ExportFormProps {
  title: string;
  /** The formats offered, first is the default. */
  formats: { value: ExportFormat; label: string; disabled?: boolean }[];
  /** File name (without extension) proposed to the save dialog or the download. */
  baseName: string;
  submit(request: ExportRequest): Promise<Result<ExportResult>>;
  /** Open at first (a toolbar's Export button shows the form itself, not just its title). */
  startOpen?: boolean;
}

export function ExportForm({ title, formats, baseName, submit, startOpen }: ExportFormProps) {
  const notify = useUi((s) => s.notify);
  const [format, setFormat] = useState<ExportFormat>(formats[0]?.value ?? 'list');
  const proposal = proposedName(safeFileName(baseName), format === 'bundle' ? 'srb' : 'json');
  const [fileName, setFileName] = useState(proposal);
  const shownProposal = useRef(proposal);
  const [namespace, setNamespace] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ErrorData>();
  const info = useAppInfo();
  const shell = info?.shell;

  // Another format or target changes the proposal; a name the user typed stays.
  useEffect(() => {
    const previous = shownProposal.current; // read now: the updater runs later
    shownProposal.current = proposal;
    setFileName((current) => followProposal(current, previous, proposal));
  }, [proposal]);

  const exportNow = async () => {
    const result = await submit({
      format,
      fileName: safeFileName(fileName),
      ...(namespace ? { namespace } : {}),
      ...(format === 'bundle' ? { passphrase } : {}),
    });
    if (!result.ok) {
      // Closing the save dialog is a choice, not an error.
      setError(result.error.code === 'cancelled' ? undefined : result.error);
      return;
    }
    setError(undefined);
    const { count, path, download } = result.value;
    if (download) {
      saveDownload(download);
      notify({ level: 'info', message: `Downloaded ${count} Secret(s) as ${download.fileName}.` });
    } else notify({ level: 'info', message: `Wrote ${count} Secret(s) to ${path}.` });
  };

  return (
    <details className="card" open={startOpen}>
      <summary>{title}</summary>
      <div className="row wrap">
        <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {formats.map((f) => (
            <option key={f.value} value={f.value} disabled={f.disabled}>
              {f.label}
            </option>
          ))}
        </select>
        <TextInput className="path-input" label="Export file name" value={fileName} onChange={setFileName} />
        <TextInput
          placeholder="Namespace (optional)"
          label="Target namespace"
          value={namespace}
          onChange={setNamespace}
        />
        {format === 'bundle' && (
          <TextInput
            type="password"
            placeholder="Bundle passphrase (8+ characters)"
            label="New bundle passphrase"
            value={passphrase}
            onChange={setPassphrase}
          />
        )}
        <button
          type="button"
          className="primary"
          disabled={!fileName.trim() || (format === 'bundle' && passphrase.length < 8)}
          onClick={exportNow}
        >
          <FileDown size={14} aria-hidden="true" /> Export
        </button>
      </div>
      <p className="muted">
        {shell === 'browser'
          ? 'Your browser saves it as a download.'
          : `You choose where to save it next${info ? `, starting in ${info.exportFolder}` : ''}; an existing file is replaced only if you confirm.`}
      </p>
      {format !== 'bundle' && (
        <p className="hint-warning">
          A .json export holds the Secret values in clear. Keep it safe and delete it when done.
        </p>
      )}
      <ErrorNote error={error} />
    </details>
  );
}
