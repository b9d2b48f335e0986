// Builds a vault, audit log and SyncService against the test cluster, with a ClusterAccess over its kubeconfig.

import { silentLogger } from '../../../src/main/log';
import type { ClusterAccess, ClusterInfo } from '../../../src/main/sync/access';
import { SyncService } from '../../../src/main/sync/service';
import { type VaultFixture, vaultFixture } from '../../../src/main/vault/test-support';
import type { TestCluster } from '../../support/cluster';

export interface SyncHarness {
  fx: VaultFixture;
  sync: SyncService;
  info: ClusterInfo;
  dispose(): void;
}

export function testAccess(
  cluster: TestCluster,
  info: Partial<ClusterInfo> = {},
  token?: string,
): ClusterAccess & { info: ClusterInfo } {
  const full: ClusterInfo = {
    id: 'c1',
    name: 'test',
    includeNamespaces: [],
    excludeNamespaces: [],
    timeoutMs: 20_000,
    ...info,
  };
  return {
    info: full,
    kubeConfig: async () => cluster.kubeConfig(token),
    describe: () => full,
  };
}

export async function syncHarness(
  cluster: TestCluster,
  info: Partial<ClusterInfo> = {},
  token?: string,
): Promise<SyncHarness> {
  const fx = vaultFixture();
  await fx.vault.init({ passphrase: 'correct horse battery', useKeychain: false });
  const access = testAccess(cluster, info, token);
  const sync = new SyncService({
    vault: fx.vault,
    audit: fx.audit,
    clusters: access,
    clock: fx.clock,
    log: silentLogger(),
  });
  return { fx, sync, info: access.info, dispose: () => fx.dispose() };
}
