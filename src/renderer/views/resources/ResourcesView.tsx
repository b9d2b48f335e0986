// The Resources view: a toolbar (cluster, filters, fetch, export), a collapsible fetch panel, the account table.
import { useCallback, useEffect, useState } from 'react';
import { ClusterPicker, NoClusterYet, useClusterChoice } from '../../components/ClusterPicker';
import { useClusterJob } from '../../store/jobs';
import { useResources } from '../../store/resources';
import { AccountPanel } from './AccountPanel';
import { AccountTable } from './AccountTable';
import { ExportPanel } from './ExportPanel';
import { FetchButtons, FetchStatus, useFetchSelection } from './FetchActions';
import { FetchPanel } from './FetchPanel';
import { InterruptedJobs } from './InterruptedJobs';

const PANEL_KEY = 'strongroom.resources.fetchPanel';

/** Whether the fetch panel is open, remembered across views and restarts (closed at first, to leave room for rows). */
function useRememberedOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => globalThis.localStorage?.getItem(PANEL_KEY) === 'open');
  const remember = useCallback((next: boolean) => {
    globalThis.localStorage?.setItem(PANEL_KEY, next ? 'open' : 'closed');
    setOpen(next);
  }, []);
  return [open, remember];
}

export function ResourcesView() {
  const { resources, filter, setFilter, reload, loadResources, selectedId } = useResources();
  const { selection, update, clearPicks } = useFetchSelection();
  // The chosen cluster is the table's filter: rows of two clusters never mix under one cluster's export.
  const chooseCluster = useCallback(
    (clusterId: string) => {
      clearPicks();
      setFilter({ clusterId, resourceId: undefined });
    },
    [setFilter, clearPicks],
  );
  const { clusters, loaded } = useClusterChoice(filter.clusterId, chooseCluster);
  const [panelOpen, setPanelOpen] = useRememberedOpen();
  const [exportOpen, setExportOpen] = useState(false);

  useEffect(() => {
    void loadResources();
    void reload();
  }, [loadResources, reload]);

  const cluster = clusters.find((c) => c.id === filter.clusterId);
  // A job started elsewhere (the demo's first fetch, a schedule) refreshes the table when it ends.
  const jobState = useClusterJob(cluster?.id ?? '')?.state;
  useEffect(() => {
    if (jobState === 'done') {
      void reload();
      void loadResources();
    }
  }, [jobState, reload, loadResources]);

  const shownResources = cluster ? resources.filter((r) => r.clusterId === cluster.id) : resources;
  const resource = shownResources.find((r) => r.id === filter.resourceId);
  const exportTarget = resource
    ? ({ kind: 'resource', resourceId: resource.id, name: resource.name } as const)
    : cluster && ({ kind: 'cluster', clusterId: cluster.id, name: cluster.name } as const);

  return (
    <div className="view wide resources-view">
      <header className="view-header compact">
        <h1>Resources</h1>
        <p className="muted small">
          One resource per namespace and cluster, one account per Secret; values stay hidden.
        </p>
      </header>
      <NoClusterYet clusters={clusters} loaded={loaded} />
      <div className="toolbar" role="toolbar" aria-label="Resources">
        <ClusterPicker clusters={clusters} value={filter.clusterId} onChange={chooseCluster} />
        <input
          type="search"
          placeholder="Filter by Secret, namespace or resource"
          aria-label="Filter accounts"
          defaultValue={filter.text ?? ''}
          // No debounce: a query over 10k rows takes milliseconds, and answers to stale queries are dropped.
          onChange={(e) => setFilter({ text: e.target.value || undefined })}
        />
        <select
          aria-label="Resource"
          value={resource?.id ?? ''}
          onChange={(e) => setFilter({ resourceId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">All resources ({shownResources.length})</option>
          {shownResources.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.accounts})
            </option>
          ))}
        </select>
        <select
          aria-label="State"
          value={filter.state ?? ''}
          onChange={(e) => setFilter({ state: (e.target.value || undefined) as 'present' | undefined })}
        >
          <option value="">Any state</option>
          <option value="present">Present</option>
          <option value="deleted_in_cluster">Deleted in cluster</option>
        </select>
        {cluster && <FetchButtons clusterId={cluster.id} selection={selection} onDone={clearPicks} />}
        <span className="spacer" />
        {cluster && (
          <button
            type="button"
            className="secondary"
            aria-expanded={panelOpen}
            aria-controls="fetch-panel"
            onClick={() => setPanelOpen(!panelOpen)}
          >
            {panelOpen ? 'Hide fetch options' : 'Fetch options…'}
          </button>
        )}
        {exportTarget && (
          <button
            type="button"
            className="secondary"
            aria-expanded={exportOpen}
            onClick={() => setExportOpen(!exportOpen)}
          >
            Export…
          </button>
        )}
      </div>
      {cluster && <FetchStatus clusterId={cluster.id} />}
      {cluster && <InterruptedJobs clusterId={cluster.id} />}
      {cluster && panelOpen && (
        <FetchPanel key={cluster.id} clusterId={cluster.id} selection={selection} onSelection={update} />
      )}
      {exportTarget && exportOpen && <ExportPanel target={exportTarget} startOpen />}
      <div className="split">
        <AccountTable />
        {selectedId !== undefined && <AccountPanel accountId={selectedId} />}
      </div>
    </div>
  );
}
