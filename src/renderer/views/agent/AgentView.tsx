// The secrets-agent generator: pick a workload and its Secrets, get the manifest, copy or save it, or apply it after a diff.
import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { AgentManifestView } from '../../../shared/ipc/agent';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { useClusters } from '../../store/clusters';
import { useUi } from '../../store/ui';
import { type AgentChoice, AgentPicker } from './AgentPicker';
import { ManifestResult } from './ManifestResult';

const EMPTY: AgentChoice = { namespace: '', secrets: [], mode: 'init', sealed: false };

export function AgentView() {
  const { clusters, refresh } = useClusters();
  const [clusterId, setClusterId] = useState<string>();
  const [choice, setChoice] = useState<AgentChoice>(EMPTY);
  const [view, setView] = useState<AgentManifestView>();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState(0);
  const { go, notify } = useUi.getState();

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (!clusterId && clusters[0]) setClusterId(clusters[0].id);
  }, [clusters, clusterId]);

  const request = () =>
    clusterId && choice.workload
      ? {
          clusterId,
          namespace: choice.namespace,
          kind: choice.workload.kind,
          name: choice.workload.name,
          secrets: choice.secrets,
          mode: choice.mode,
          sealed: choice.sealed,
        }
      : undefined;

  const generate = async () => {
    const input = request();
    if (!input) return;
    setBusy(true);
    const r = await call('agent:manifest', input);
    setBusy(false);
    setView(r.ok ? r.value : undefined);
    setError(r.ok ? undefined : r.error);
  };

  const apply = async () => {
    const input = request();
    if (!input || !view) return;
    setBusy(true);
    const r = await call('agent:apply', { ...input, resourceVersion: view.resourceVersion });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    notify({ level: 'info', message: `Applied: ${r.value.applied.join(', ')}.` });
    setError(undefined);
    setApplied((n) => n + 1);
    await generate();
  };

  const change = (c: AgentChoice) => {
    setChoice(c);
    setView(undefined);
  };

  return (
    <div className="view wide">
      <header className="view-header">
        <h1>Secrets agent</h1>
        <p className="muted">
          Add an init container or sidecar that writes chosen Secrets as files into an in-memory volume, with a
          ServiceAccount that may read only those Secrets.
        </p>
      </header>
      {clusters.length === 0 ? (
        <div className="empty-state">
          <p>No cluster is connected yet.</p>
          <button type="button" className="primary" onClick={() => go('clusters')}>
            Go to Clusters
          </button>
        </div>
      ) : (
        <>
          <div className="toolbar">
            <label className="inline">
              Cluster
              <select
                aria-label="Cluster"
                value={clusterId ?? ''}
                onChange={(e) => {
                  setClusterId(e.target.value);
                  change(EMPTY);
                }}
              >
                {clusters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {clusterId && (
            <AgentPicker key={clusterId} clusterId={clusterId} choice={choice} version={applied} onChange={change} />
          )}
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy || !choice.workload || choice.secrets.length === 0}
              onClick={() => void generate()}
            >
              Generate manifest
            </button>
          </div>
          <ErrorNote error={error} />
          {view && <ManifestResult view={view} applying={busy} onApply={() => void apply()} />}
        </>
      )}
    </div>
  );
}
