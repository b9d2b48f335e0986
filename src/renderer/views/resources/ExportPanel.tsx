// Export from the vault: an account as a Secret manifest, a resource or a cluster as a List or an encrypted bundle.
import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { useUi } from '../../store/ui';

export type ExportTarget =
  | { kind: 'account'; accountId: number; name: string }
  | { kind: 'resource'; resourceId: number; name: string }
  | { kind: 'cluster'; clusterId: string; name: string };

export function ExportPanel({ target }: { target: ExportTarget }) {
  const notify = useUi((s) => s.notify);
  const [format, setFormat] = useState<'json' | 'list' | 'bundle'>(target.kind === 'account' ? 'json' : 'list');
  const [path, setPath] = useState('');
  const [namespace, setNamespace] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ErrorData>();

  useEffect(() => {
    void call('app:info', {}).then((r) => {
      if (r.ok) setPath(`${r.value.dataDir}/${target.name}${format === 'bundle' ? '.srb' : '.json'}`);
    });
  }, [target.name, format]);

  const { name: _name, ...wire } = target;
  return (
    <details className="card">
      <summary>Export {target.kind === 'account' ? 'this Secret' : `the ${target.kind} ${target.name}`}</summary>
      <div className="row wrap">
        <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
          {target.kind === 'account' && <option value="json">Secret manifest (.json, kubectl apply -f)</option>}
          <option value="list">v1 List (.json)</option>
          <option value="bundle">Encrypted bundle</option>
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
            placeholder="Bundle passphrase"
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
            const result = await call('resources:export', {
              target: wire as never,
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
