// IPC handler that lists, live from its cluster, the workloads using a vault account's Secret (the finder rotation uses).
import type { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../../shared/errors';
import type { Handlers } from '../ipc/dispatch';
import { listSecretConsumers } from '../kube/consumers';
import type { VaultService } from '../vault/service';
import * as repo from './repo';

/** How this handler reaches a saved cluster; the clusters domain's saved-cluster access fits it structurally. */
export interface ConsumerClusterAccess {
  kubeConfig(clusterId: string): Promise<KubeConfig>;
  describe(clusterId: string): { name: string; timeoutMs?: number } | Promise<{ name: string; timeoutMs?: number }>;
}

export function consumerHandlers(d: {
  vault: VaultService;
  clusters: ConsumerClusterAccess;
}): Pick<Handlers, 'resources:consumers'> {
  return {
    'resources:consumers': async ({ accountId }) => {
      const account = repo.accountById(d.vault.db(), accountId);
      if (!account) throw new AppError('not_found', `Account ${accountId} is not in the vault.`);
      if (!account.cluster_id || !account.namespace) {
        throw new AppError(
          'unsupported',
          'This Secret did not come from a cluster, so no workload can use it.',
          'Fetch it from a cluster to see its consumers.',
        );
      }
      const info = await d.clusters.describe(account.cluster_id);
      const kc = await d.clusters.kubeConfig(account.cluster_id);
      return listSecretConsumers(kc, account.namespace, account.name, {
        cluster: info.name,
        ...(info.timeoutMs ? { timeoutMs: info.timeoutMs } : {}),
      });
    },
  };
}
