// The secrets-agent generator: pick a workload and its Secrets, get the manifest, copy or save it, or apply it after a diff.
import { useCallback, useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { AgentManifestView } from '../../../shared/ipc/agent';
import { call } from '../../client';
import { ClusterPicker, NoClusterYet, useClusterChoice } from '../../components/ClusterPicker';
import { ErrorNote } from '../../components/ErrorNote';
import { useUi } from '../../store/ui';
import { type AgentChoice, AgentPicker } from './AgentPicker';
import { ManifestResult } from './ManifestResult';

const EMPTY: AgentChoice = { namespace: '', secrets: [], mode: 'init', sealed: false };

export function AgentView() {
  const [clusterId, setClusterId] = useState<string>();
  const [choice, setChoice] = useState<AgentChoice>(EMPTY);
  const [view, setView] = useState<AgentManifestView>();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState(0);
  const { notify } = useUi.getState();
  // Another cluster starts a new choice of workload and Secrets.
  const pickCluster = useCallback((id: string) => {
    setClusterId(id);
    setChoice(EMPTY);
    setView(undefined);
  }, []);
  const { clusters, loaded } = useClusterChoice(clusterId, pickCluster);

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
      <NoClusterYet clusters={clusters} loaded={loaded} />
      {clusters.length > 0 && (
        <>
          <div className="toolbar">
            <ClusterPicker clusters={clusters} value={clusterId} onChange={pickCluster} />
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
