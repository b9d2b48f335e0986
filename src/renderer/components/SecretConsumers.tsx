// The workloads whose pods use a Secret, listed live from its cluster: how each reads it, and whether the agent refreshes it.
import { Box, RefreshCw, ShieldCheck } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorData, Result } from '../../shared/errors';
import type { SecretConsumer, SecretUsage } from '../../shared/ipc/secret-consumers';
import { ErrorNote } from './ErrorNote';

/** One use in words: `env PGPASSWORD ← password`, `envFrom`, `volume at /etc/db`. */
export function describeUsage(u: SecretUsage): string {
  const where = u.container ? ` (container ${u.container})` : '';
  if (u.via === 'env') return `env ${u.env} ← key ${u.key}${where}`;
  if (u.via === 'envFrom') return `envFrom: every key as env${where}`;
  const what = u.via === 'projected' ? 'projected volume' : 'volume';
  return u.mountPath ? `${what} at ${u.mountPath}${where}` : `${what}, not mounted`;
}

export function SecretConsumers({ load }: { load(): Promise<Result<SecretConsumer[]>> }) {
  const [consumers, setConsumers] = useState<SecretConsumer[]>();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  // The caller may pass a new function each render; the list loads once per mount and on Refresh.
  const latest = useRef(load);
  latest.current = load;

  const refresh = useCallback(async () => {
    setBusy(true);
    const result = await latest.current();
    setBusy(false);
    setConsumers(result.ok ? result.value : undefined);
    setError(result.ok ? undefined : { ...result.error, message: `Could not list workloads: ${result.error.message}` });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="consumers" aria-label="Consumers" aria-busy={busy}>
      <div className="section-head">
        <h3>Consumers{consumers ? ` (${consumers.length})` : ''}</h3>
        <button type="button" className="secondary small" disabled={busy} onClick={() => void refresh()}>
          <RefreshCw size={14} aria-hidden="true" /> Refresh consumers
        </button>
      </div>
      <ErrorNote error={error} />
      {busy && !consumers && <p className="muted">Looking up workloads in the cluster…</p>}
      {consumers?.length === 0 && <p className="muted">No Deployment, StatefulSet, DaemonSet or bare Pod uses it.</p>}
      {consumers && consumers.length > 0 && (
        <ul className="consumer-list">
          {consumers.map((c) => (
            <li key={`${c.kind}/${c.name}`} className="consumer">
              <div className="consumer-head">
                <Box size={14} aria-hidden="true" />
                <span className="badge">{c.kind}</span>
                <span className="mono">
                  {c.namespace}/{c.name}
                </span>
                {c.agentSidecar ? (
                  <span className="status-badge ok">
                    <ShieldCheck size={14} aria-hidden="true" /> agent sidecar: refreshes without a restart
                  </span>
                ) : (
                  <span className="muted small">no agent sidecar: restarted on rotation</span>
                )}
              </div>
              <ul className="usages small">
                {c.usages.map((u) => {
                  const text = describeUsage(u);
                  return (
                    <li key={text} className="mono">
                      {text}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
