// The generator's choices: namespace, workload, the Secrets it gets, init or sidecar, sealed delivery.
import { useEffect, useState } from 'react';
import type { AgentWorkload } from '../../../shared/ipc/agent';
import type { BrowseSecret } from '../../../shared/ipc/sync';
import { call } from '../../client';
import { useUi } from '../../store/ui';

/** What the user picked; `ready` when a manifest can be generated from it. */
export interface AgentChoice {
  namespace: string;
  workload?: AgentWorkload;
  secrets: string[];
  mode: 'init' | 'sidecar';
  sealed: boolean;
}

/** `version` changes after an apply, so that the workload list shows which ones now have the agent. */
export function AgentPicker({
  clusterId,
  choice,
  version,
  onChange,
}: {
  clusterId: string;
  choice: AgentChoice;
  version: number;
  onChange(c: AgentChoice): void;
}) {
  const [namespaces, setNamespaces] = useState<string[]>([]);
  const [workloads, setWorkloads] = useState<AgentWorkload[]>();
  const [secrets, setSecrets] = useState<BrowseSecret[]>();
  const notifyError = useUi((s) => s.notifyError);
  const { namespace } = choice;

  useEffect(() => {
    void call('sync:browseNamespaces', { clusterId }).then((r) =>
      r.ok ? setNamespaces(r.value.namespaces.map((n) => n.namespace)) : notifyError(r.error),
    );
  }, [clusterId, notifyError]);

  useEffect(() => {
    setSecrets(undefined);
    if (!namespace) return;
    let current = true;
    void call('sync:browseSecrets', { clusterId, namespace }).then((r) => {
      if (current) r.ok ? setSecrets(r.value.secrets) : notifyError(r.error);
    });
    return () => {
      current = false;
    };
  }, [clusterId, namespace, notifyError]);

  useEffect(() => {
    if (!namespace || version < 0) return setWorkloads(undefined);
    let current = true;
    void call('agent:workloads', { clusterId, namespace }).then((r) => {
      if (current) r.ok ? setWorkloads(r.value) : notifyError(r.error);
    });
    return () => {
      current = false;
    };
  }, [clusterId, namespace, version, notifyError]);

  const key = (w: AgentWorkload) => `${w.kind}/${w.name}`;
  const toggle = (name: string, on: boolean) =>
    onChange({ ...choice, secrets: on ? [...choice.secrets, name] : choice.secrets.filter((s) => s !== name) });

  return (
    <div className="agent-picker">
      <div className="row wrap">
        <label className="inline">
          Namespace
          <select
            aria-label="Namespace"
            value={namespace}
            onChange={(e) => onChange({ ...choice, namespace: e.target.value, workload: undefined, secrets: [] })}
          >
            <option value="">Choose…</option>
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Workload
          <select
            aria-label="Workload"
            value={choice.workload ? key(choice.workload) : ''}
            disabled={!workloads}
            onChange={(e) => onChange({ ...choice, workload: workloads?.find((w) => key(w) === e.target.value) })}
          >
            <option value="">{workloads?.length === 0 ? 'No workloads here' : 'Choose…'}</option>
            {workloads?.map((w) => (
              <option key={key(w)} value={key(w)}>
                {w.kind} {w.name}
                {w.hasAgent ? ' (has the agent)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="agent-mode">
        <legend>Mode</legend>
        <label className="check">
          <input
            type="radio"
            name="agent-mode"
            checked={choice.mode === 'init'}
            onChange={() => onChange({ ...choice, mode: 'init' })}
          />
          Init container: writes the files once, before the application starts
        </label>
        <label className="check">
          <input
            type="radio"
            name="agent-mode"
            checked={choice.mode === 'sidecar'}
            onChange={() => onChange({ ...choice, mode: 'sidecar' })}
          />
          Sidecar: keeps the files current when a Secret changes (rotation without restart)
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={choice.sealed}
            onChange={(e) => onChange({ ...choice, sealed: e.target.checked })}
          />
          Sealed delivery: values are encrypted to the agent's key in the cluster
        </label>
      </fieldset>
      {namespace && (
        <fieldset>
          <legend>Secrets the agent delivers</legend>
          {!secrets ? (
            <p className="muted small">Loading…</p>
          ) : secrets.length === 0 ? (
            <p className="muted small">This namespace has no Secrets.</p>
          ) : (
            <ul className="browse-secrets flat">
              {secrets.map((s) => (
                <li key={s.name}>
                  <label className="check small">
                    <input
                      type="checkbox"
                      checked={choice.secrets.includes(s.name)}
                      onChange={(e) => toggle(s.name, e.target.checked)}
                    />
                    <span className="mono">{s.name}</span>
                    <span className="muted">
                      {s.type} · {s.keys.length} key{s.keys.length === 1 ? '' : 's'}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      )}
    </div>
  );
}
