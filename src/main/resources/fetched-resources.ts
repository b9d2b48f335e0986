// What cluster delete asks of sync (ClusterService's FetchedResources): count a cluster's resources, or remove them.
import type { VaultService } from '../vault/service';

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
    countSecrets: (clusterId: string): number =>
      (
        vault
          .db()
          .prepare(
            "SELECT count(*) AS n FROM accounts a JOIN resources r ON r.id = a.resource_id WHERE r.type = 'Kubernetes' AND r.cluster_id = ?",
          )
          .get(clusterId) as { n: number }
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
