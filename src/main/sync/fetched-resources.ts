// Adapters between sync and the clusters domain: ClusterAccess over ClusterService, and FetchedResources for cluster delete.
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterId, ClusterOptions } from '../../shared/clusters';
import { type KubeTarget, kubeConfigFor } from '../clusters/kube-client';
import type { VaultService } from '../vault/service';
import type { ClusterAccess, ClusterInfo } from './access';

/** The part of ClusterService sync uses. */
export interface ClusterSource {
  get(id: ClusterId): { id: string; name: string };
  connection(id: ClusterId): KubeTarget & { options: ClusterOptions };
}

export function clusterAccessFrom(clusters: ClusterSource): ClusterAccess {
  return {
    kubeConfig: async (clusterId): Promise<KubeConfig> => kubeConfigFor(clusters.connection(clusterId as ClusterId)),
    describe: (clusterId): ClusterInfo => {
      const c = clusters.connection(clusterId as ClusterId);
      return {
        id: clusterId,
        name: clusters.get(clusterId as ClusterId).name,
        includeNamespaces: c.options.includeNamespaces ?? [],
        excludeNamespaces: c.options.excludeNamespaces ?? [],
        timeoutMs: c.timeoutMs,
      };
    },
  };
}

/** What cluster delete asks of sync: how many resources a cluster has, and removing them on request. */
export function fetchedResources(vault: VaultService) {
  return {
    count: (clusterId: string): number =>
      (
        vault
          .db()
          .prepare("SELECT count(*) AS n FROM resources WHERE type = 'Kubernetes' AND cluster_id = ?")
          .get(clusterId) as {
          n: number;
        }
      ).n,
    remove: (clusterId: string): number =>
      vault.db().transaction(() => {
        vault.db().prepare('DELETE FROM sync_state WHERE cluster_id = ?').run(clusterId);
        vault.db().prepare('DELETE FROM sync_schedules WHERE cluster_id = ?').run(clusterId);
        return vault.db().prepare("DELETE FROM resources WHERE type = 'Kubernetes' AND cluster_id = ?").run(clusterId)
          .changes;
      })(),
  };
}
