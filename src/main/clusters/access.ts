// What other domains (sync, access) get from a saved cluster: an in-memory KubeConfig and its options, never the token itself.
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterId } from '../../shared/clusters';
import type { ClusterService } from './cluster-service';

/** Matches the ClusterAccess port of src/main/sync/access.ts (structurally, so neither domain imports the other). */
export interface SavedClusterAccess {
  kubeConfig(clusterId: string): Promise<KubeConfig>;
  describe(clusterId: string): {
    id: string;
    name: string;
    includeNamespaces: string[];
    excludeNamespaces: string[];
    timeoutMs?: number;
  };
}

export function savedClusterAccess(service: ClusterService): SavedClusterAccess {
  return {
    // The Kubernetes client loads on first use, not with the app.
    kubeConfig: async (clusterId) =>
      (await import('../kube/connection')).kubeConfigFor(service.connection(clusterId as ClusterId)),
    describe: (clusterId) => {
      const summary = service.get(clusterId as ClusterId);
      return {
        id: summary.id,
        name: summary.name,
        includeNamespaces: summary.options.includeNamespaces,
        excludeNamespaces: summary.options.excludeNamespaces,
        timeoutMs: summary.options.timeoutMs,
      };
    },
  };
}
