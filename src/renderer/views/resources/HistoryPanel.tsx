// Versions of an account as sync saw them (the keys each changed, who changed it), and a per-key diff, values masked.
import { useState } from 'react';
import type { AccountDetail, VersionDiff, VersionSummary } from '../../../shared/ipc/resources';
import type { DecodedValue } from '../../../shared/secrets';
import { call } from '../../client';
import { MarkedText } from '../../components/ValueViewer';
import { When } from '../../components/When';
import { useUi } from '../../store/ui';

function Side({ value }: { value: DecodedValue | undefined }) {
  if (!value) return <span className="muted">—</span>;
  if ('text' in value) return <MarkedText text={value.text} />;
  if (value.kind === 'binary') return <pre className="value-text hex">{value.hexLines.join('\n')}</pre>;
  return <span className="muted">{value.kind}</span>;
}

/** What a version changed, by key name: "added token · changed password", or the keys the vault first saw. */
export function changeSummary(v: VersionSummary): string {
  if (v.changes === null) return `first seen: ${v.keys.map((k) => k.name).join(', ') || 'no keys'}`;
  if (v.changes.length === 0) return 'no key changed (metadata only)';
  const by = (change: string) => v.changes?.filter((c) => c.change === change).map((c) => c.key) ?? [];
  return (['added', 'changed', 'removed'] as const)
    .flatMap((change) => (by(change).length ? [`${change} ${by(change).join(', ')}`] : []))
    .join(' · ');
}

export function HistoryPanel({ account }: { account: AccountDetail }) {
  const notifyError = useUi((s) => s.notifyError);
  const versions = account.versions;
  const [from, setFrom] = useState(versions[1]?.id ?? versions[0]?.id);
  const [to, setTo] = useState(versions[0]?.id);
  const [diff, setDiff] = useState<VersionDiff>();
  // The column shows only when the server named a manager for some version; otherwise there is nothing to say.
  const managers = versions.some((v) => v.changedBy !== null);

  const run = async (reveal: boolean) => {
    if (from === undefined || to === undefined) return;
    const result = await call('resources:diff', {
      accountId: account.id,
      fromVersionId: from,
      toVersionId: to,
      reveal,
    });
    if (result.ok) setDiff(result.value);
    else notifyError(result.error);
  };

  return (
    <section className="card" aria-label="History">
      <h2>
        History ({versions.length} version{versions.length === 1 ? '' : 's'})
      </h2>
      <table className="simple">
        <thead>
          <tr>
            <th>From</th>
            <th>To</th>
            <th>Seen</th>
            <th>resourceVersion</th>
            {managers && <th>Changed by</th>}
            <th>Changes</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <td>
                <input
                  type="radio"
                  name="diff-from"
                  aria-label={`Diff from version ${v.resourceVersion}`}
                  checked={from === v.id}
                  onChange={() => setFrom(v.id)}
                />
              </td>
              <td>
                <input
                  type="radio"
                  name="diff-to"
                  aria-label={`Diff to version ${v.resourceVersion}`}
                  checked={to === v.id}
                  onChange={() => setTo(v.id)}
                />
              </td>
              <td>
                <When at={v.seenAt} />
              </td>
              <td className="mono">{v.resourceVersion}</td>
              {managers && <td>{v.changedBy ?? <span className="muted small">unknown</span>}</td>}
              <td>{changeSummary(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.length > 1 && (
        <div className="row">
          <button type="button" className="secondary" onClick={() => void run(false)}>
            Compare
          </button>
        </div>
      )}
      {diff && (
        <div className="diff" data-testid="diff">
          <table className="simple">
            <thead>
              <tr>
                <th>Key</th>
                <th>Change</th>
                <th>Before</th>
                <th>After</th>
              </tr>
            </thead>
            <tbody>
              {diff.keys.map((k) => (
                <tr key={k.key} className={`diff-${k.status}`}>
                  <td className="mono">{k.key}</td>
                  <td>{k.status}</td>
                  <td>
                    {diff.revealed ? <Side value={k.from} /> : k.fromSize === null ? '—' : `•••• (${k.fromSize} B)`}
                  </td>
                  <td>{diff.revealed ? <Side value={k.to} /> : k.toSize === null ? '—' : `•••• (${k.toSize} B)`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!diff.revealed && (
            <button type="button" className="secondary" onClick={() => void run(true)}>
              Reveal the changed values
            </button>
          )}
        </div>
      )}
    </section>
  );
}
