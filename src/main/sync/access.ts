// How sync reaches a saved cluster: a KubeConfig built in memory, and the cluster's name and namespace options.
import type { KubeConfig } from '@kubernetes/client-node';

/** The facts about a saved cluster that fetch and sync need. Never holds the token. */
export interface ClusterInfo {
  id: string;
  name: string;
  /** When non-empty, only these namespaces are browsed, fetched and synced. */
  includeNamespaces: string[];
  excludeNamespaces: string[];
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
}

/**
 * The port sync uses to reach clusters; the clusters service implements it (see app.ts).
 * Tests and benches implement it over a kubeconfig (test/support/cluster.ts).
 */
export interface ClusterAccess {
  kubeConfig(clusterId: string): Promise<KubeConfig>;
  describe(clusterId: string): ClusterInfo | Promise<ClusterInfo>;
}

/** Whether a namespace passes the cluster's include/exclude options. */
export function namespaceAllowed(info: ClusterInfo, namespace: string): boolean {
  if (info.includeNamespaces.length > 0 && !info.includeNamespaces.includes(namespace)) return false;
  return !info.excludeNamespaces.includes(namespace);
}
