// The export form shared by Resources and Offline review: format, path, target namespace, bundle passphrase.
import { useEffect, useState } from 'react';
import type { ErrorData, Result } from '../../shared/errors';
import type { ExportResult } from '../../shared/ipc/transfer';
import { useAppInfo } from '../store/app-info';
import { useUi } from '../store/ui';
import { ErrorNote } from './ErrorNote';

export type ExportFormat = 'json' | 'list' | 'bundle';

export interface ExportRequest {
  format: ExportFormat;
  path: string;
  namespace?: string;
  passphrase?: string;
}

export interface ExportFormProps {
  title: string;
  /** The formats offered, first is the default. */
  formats: { value: ExportFormat; label: string; disabled?: boolean }[];
  /** File name (without extension) proposed in the data directory. */
  baseName: string;
  submit(request: ExportRequest): Promise<Result<ExportResult>>;
}

export function ExportForm({ title, formats, baseName, submit }: ExportFormProps) {
  const notify = useUi((s) => s.notify);
  const [format, setFormat] = useState<ExportFormat>(formats[0]?.value ?? 'list');
  const [path, setPath] = useState('');
  const [namespace, setNamespace] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ErrorData>();

  const dataDir = useAppInfo()?.dataDir;

  useEffect(() => {
    if (dataDir) setPath(`${dataDir}/${baseName}${format === 'bundle' ? '.srb' : '.json'}`);
  }, [dataDir, baseName, format]);

  return (
    <details className="card">
      <summary>{title}</summary>
      <div className="row wrap">
        <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {formats.map((f) => (
            <option key={f.value} value={f.value} disabled={f.disabled}>
              {f.label}
            </option>
          ))}
        </select>
        <input
          type="text"
          className="path-input"
          aria-label="Export path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <input
          type="text"
          placeholder="Namespace (optional)"
          aria-label="Target namespace"
          value={namespace}
          onChange={(e) => setNamespace(e.target.value)}
        />
        {format === 'bundle' && (
          <input
            type="password"
            placeholder="Bundle passphrase (8+ characters)"
            aria-label="New bundle passphrase"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        )}
        <button
          type="button"
          className="primary"
          disabled={!path || (format === 'bundle' && passphrase.length < 8)}
          onClick={async () => {
            const result = await submit({
              format,
              path,
              ...(namespace ? { namespace } : {}),
              ...(format === 'bundle' ? { passphrase } : {}),
            });
            if (!result.ok) return setError(result.error);
            setError(undefined);
            notify({ level: 'info', message: `Wrote ${result.value.count} Secret(s) to ${result.value.path}.` });
          }}
        >
          Export
        </button>
      </div>
      {format !== 'bundle' && (
        <p className="hint-warning">
          A .json export holds the Secret values in clear. Keep it safe and delete it when done.
        </p>
      )}
      <ErrorNote error={error} />
    </details>
  );
}
