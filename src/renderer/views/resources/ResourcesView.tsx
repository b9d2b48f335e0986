// The Resources view: pick a cluster to fetch and sync, filter the account table, open an account.
import { useEffect, useState } from 'react';
import { useClusters } from '../../store/clusters';
import { useResources } from '../../store/resources';
import { useUi } from '../../store/ui';
import { AccountPanel } from './AccountPanel';
import { AccountTable } from './AccountTable';
import { ExportPanel } from './ExportPanel';
import { FetchPanel } from './FetchPanel';

export function ResourcesView() {
  const { clusters, refresh: loadClusters } = useClusters();
  const { resources, filter, setFilter, reload, loadResources, selectedId } = useResources();
  const [clusterId, setClusterId] = useState<string>();
  const go = useUi((s) => s.go);

  useEffect(() => {
    void loadClusters();
    void loadResources();
    void reload();
  }, [loadClusters, loadResources, reload]);

  useEffect(() => {
    if (!clusterId && clusters[0]) setClusterId(clusters[0].id);
  }, [clusters, clusterId]);

  const cluster = clusters.find((c) => c.id === clusterId);
  const resource = resources.find((r) => r.id === filter.resourceId);

  return (
    <div className="view wide">
      <header className="view-header">
        <h1>Resources</h1>
        <p className="muted">
          One resource per namespace and cluster, one account per Secret. Values stay hidden until you reveal a key.
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
              <select aria-label="Cluster" value={clusterId ?? ''} onChange={(e) => setClusterId(e.target.value)}>
                {clusters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {cluster && <FetchPanel clusterId={cluster.id} />}
        </>
      )}
      <div className="toolbar">
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
          value={filter.resourceId ?? ''}
          onChange={(e) => setFilter({ resourceId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">All resources ({resources.length})</option>
          {resources.map((r) => (
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
      </div>
      {resource && <ExportPanel target={{ kind: 'resource', resourceId: resource.id, name: resource.name }} />}
      {!resource && cluster && <ExportPanel target={{ kind: 'cluster', clusterId: cluster.id, name: cluster.name }} />}
      <div className="split">
        <AccountTable />
        {selectedId !== undefined && <AccountPanel accountId={selectedId} />}
      </div>
    </div>
  );
}
