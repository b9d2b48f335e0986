// "Rotate now" after the impact preview: the keys a rotation writes and the workloads it restarts or skips, then run it.
import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { RotationPlanData, RotationResultData } from '../../../shared/ipc/mapping';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { impactSentence } from './impact';

export function ImpactPreview(props: {
  resource: string;
  account: string;
  onDone(result: RotationResultData | undefined): void;
  onCancel(): void;
}) {
  const { resource, account } = props;
  const [plan, setPlan] = useState<RotationPlanData>();
  const [restart, setRestart] = useState(true);
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('rotation:plan', { resource, account }).then((r) => (r.ok ? setPlan(r.value) : setError(r.error)));
  }, [resource, account]);

  const rotate = async () => {
    setBusy(true);
    const r = await call('rotation:rotate', { resource, account, restart });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      props.onDone(undefined);
      return;
    }
    props.onDone(r.value);
  };

  return (
    <section className="card" aria-label={`Rotate ${resource}/${account}`}>
      <h2>
        Rotate {resource}/{account}
      </h2>
      {!plan && !error && <p className="muted">Finding the keys and the workloads that use them…</p>}
      {plan && (
        <>
          <p className="impact">{impactSentence(plan, restart)}</p>
          <h3>Keys</h3>
          {plan.keys.length === 0 ? (
            <p className="muted small">
              No Secret key is mapped to this account: only the password at the target changes.
            </p>
          ) : (
            <ul className="flat small">
              {plan.keys.map((k) => (
                <li key={`${k.clusterId}/${k.namespace}/${k.secret}:${k.key}`} className="mono">
                  {k.namespace}/{k.secret}:{k.key}
                </li>
              ))}
            </ul>
          )}
          <h3>Workloads</h3>
          {plan.consumers.length === 0 ? (
            <p className="muted small">No Deployment, StatefulSet or DaemonSet uses these Secrets.</p>
          ) : (
            <ul className="flat small">
              {plan.consumers.map((c) => (
                <li key={`${c.clusterId}/${c.kind}/${c.namespace}/${c.name}`}>
                  {c.kind}{' '}
                  <span className="mono">
                    {c.namespace}/{c.name}
                  </span>{' '}
                  ({c.uses.join(', ')})
                  {c.agentSidecar
                    ? ' — skipped: its agent sidecar refreshes the value'
                    : restart
                      ? ''
                      : ' — not restarted'}
                </li>
              ))}
            </ul>
          )}
          <label className="check">
            <input type="checkbox" checked={restart} onChange={(e) => setRestart(e.target.checked)} />
            Restart the workloads after writing the keys
          </label>
        </>
      )}
      <ErrorNote error={error} />
      <div className="row">
        <button type="button" className="primary" disabled={!plan || busy} onClick={() => void rotate()}>
          {busy ? 'Rotating…' : 'Rotate'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
