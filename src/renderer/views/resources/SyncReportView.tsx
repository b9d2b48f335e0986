// The outcome of a fetch or sync, per namespace: added, changed, deleted, unchanged, failed (with why).
import type { SyncReport } from '../../../shared/ipc/sync';

export function SyncReportView({ report }: { report: SyncReport }) {
  const t = report.totals;
  return (
    <div className="report" data-testid="sync-report">
      <p className={t.failed > 0 ? 'hint-warning' : 'ok-note'} role="status">
        {report.kind === 'fetch' ? 'Fetch' : 'Sync'} {report.cancelled ? 'cancelled' : 'finished'}: {t.added} added,{' '}
        {t.changed} changed, {t.deleted} deleted, {t.unchanged} unchanged, {t.failed} failed
        {report.shortCircuit ? ' (the cluster had not changed)' : ''}.
      </p>
      {report.namespaces.length > 0 && (
        <details>
          <summary>Per namespace</summary>
          <table className="simple">
            <thead>
              <tr>
                <th>Namespace</th>
                <th>Outcome</th>
                <th>Added</th>
                <th>Changed</th>
                <th>Deleted</th>
                <th>Unchanged</th>
              </tr>
            </thead>
            <tbody>
              {report.namespaces.map((ns) => (
                <tr key={ns.namespace}>
                  <td>{ns.namespace}</td>
                  <td className={ns.outcome === 'failed' ? 'outcome failed' : undefined}>
                    {ns.outcome}
                    {ns.error && (
                      <span className="small">
                        {' '}
                        — {ns.error.message} {ns.error.fix}
                      </span>
                    )}
                  </td>
                  <td>{ns.added}</td>
                  <td>{ns.changed}</td>
                  <td>{ns.deleted}</td>
                  <td>{ns.unchanged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
