// The cluster picker of views that work on one cluster (Resources, Agent, Sessions), and their "no cluster yet" state.
import { useEffect } from 'react';
import type { ClusterSummary } from '../../shared/clusters';
import { useClusters } from '../store/clusters';
import { useUi } from '../store/ui';

/**
 * The saved clusters (loaded when the view opens) and a choice that stays valid: the first cluster
 * when nothing, or a cluster since deleted, is chosen.
 */
export function useClusterChoice(
  chosen: string | undefined,
  choose: (id: string) => void,
): { clusters: ClusterSummary[]; loaded: boolean } {
  const { clusters, loaded, refresh } = useClusters();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    const first = clusters[0];
    if (first && !clusters.some((c) => c.id === chosen)) choose(first.id);
  }, [clusters, chosen, choose]);
  return { clusters, loaded };
}

/** The cluster `<select>`; nothing while no cluster is saved (`NoClusterYet` says so). */
export function ClusterPicker({
  clusters,
  value,
  onChange,
}: {
  clusters: ClusterSummary[];
  value: string | undefined;
  onChange(id: string): void;
}) {
  if (clusters.length === 0) return null;
  return (
    <label className="inline">
      Cluster
      <select aria-label="Cluster" value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {clusters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Shown once the list is loaded and empty: why the view needs a cluster, and the way to Clusters. */
export function NoClusterYet({ clusters, loaded, why }: { clusters: ClusterSummary[]; loaded: boolean; why?: string }) {
  const go = useUi((s) => s.go);
  if (!loaded || clusters.length > 0) return null;
  return (
    <div className="empty-state">
      <p>No cluster is connected yet.{why ? ` ${why}` : ''}</p>
      <button type="button" className="primary" onClick={() => go('clusters')}>
        Go to Clusters
      </button>
    </div>
  );
}
