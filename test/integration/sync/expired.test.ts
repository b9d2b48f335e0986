// A 410 Expired mid-list (sandbox only: it is forced by fault injection) restarts the list; nothing is lost or doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../../../src/main/resources/repo';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { testClusterId } from '../../support/ids';
import { type SyncHarness, syncHarness } from './harness';

const onSandbox = !process.env.STRONGROOM_TEST_KUBECONFIG;
let cluster: TestCluster;
let h: SyncHarness;

describe.skipIf(!onSandbox)('410 Expired mid-list (sandbox only)', () => {
  beforeAll(async () => {
    cluster = await getTestCluster({ seed: { bulk: 1200, namespaces: 2 } });
    h = await syncHarness(cluster, { includeNamespaces: ['bulk-000', 'bulk-001'] });
  });

  afterAll(async () => {
    h?.dispose();
    await cluster?.close();
  });

  const accounts = (ns: string) => {
    const db = h.fx.vault.db();
    return repo.accountIndex(db, repo.resourceFor(db, 'c1', ns)?.id ?? 0).size;
  };

  it('restarts a namespace list that expires after its first page and stores every Secret once', async () => {
    cluster.sandbox?.faults.set({ expireNextContinues: 1 });
    const report = await h.sync.fetch({ clusterId: testClusterId('c1'), namespaces: ['bulk-000'] });
    expect(cluster.sandbox?.faults.expireNextContinues).toBe(0);
    expect(report.totals).toMatchObject({ added: 600, failed: 0 });
    expect(accounts('bulk-000')).toBe(600);
  });

  it('restarts the cluster-wide list of a whole fetch without re-counting namespaces already written', async () => {
    cluster.sandbox?.faults.set({ expireNextContinues: 1 });
    const report = await h.sync.fetch({ clusterId: testClusterId('c1') });
    expect(cluster.sandbox?.faults.expireNextContinues).toBe(0);
    expect(report.totals).toMatchObject({ added: 600, unchanged: 600, failed: 0 });
    expect(accounts('bulk-001')).toBe(600);
  });

  it('restarts the metadata-only list of a sync, and gives up with `expired` when it keeps expiring', async () => {
    cluster.sandbox?.faults.set({ expireNextContinues: 1 });
    const ok = await h.sync.sync({ clusterId: testClusterId('c1'), namespaces: ['bulk-000'] });
    expect(ok.totals).toMatchObject({ unchanged: 600, failed: 0 });
    cluster.sandbox?.faults.set({ expireNextContinues: 100 });
    const failed = await h.sync.sync({ clusterId: testClusterId('c1'), namespaces: ['bulk-001'] });
    cluster.sandbox?.faults.reset();
    expect(failed.namespaces[0]).toMatchObject({ outcome: 'failed', error: { code: 'expired' } });
    expect(accounts('bulk-001')).toBe(600);
    const next = await h.sync.sync({ clusterId: testClusterId('c1') });
    expect(next.totals).toMatchObject({ failed: 0, unchanged: 1200 });
  });
});
