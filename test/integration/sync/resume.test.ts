// A busy cluster (its version moves though no Secret changed): sync resumes a watch and writes only what changed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as repo from '../../../src/main/resources/repo';
import { decodeData } from '../../../src/main/resources/secret';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { testClusterId } from '../../support/ids';
import { kubectlOk, type SyncHarness, secretManifest, syncHarness } from './harness';

let cluster: TestCluster;
let h: SyncHarness;
let ns: string;
let other: string;

const kubectl = (args: string[], input?: string) => kubectlOk(cluster, args, input);
/** An unrelated write, as leader-election Leases and node heartbeats make all the time on a real cluster. */
const busy = (name: string) => kubectl(['create', 'configmap', name, '-n', other, '--from-literal=beat=1']);

beforeAll(async () => {
  cluster = await getTestCluster();
  ns = cluster.uniqueName('resume');
  other = cluster.uniqueName('resume-other');
  await kubectl(['create', 'namespace', ns]);
  await kubectl(['create', 'namespace', other]);
  for (const name of ['a', 'b', 'c'])
    await kubectl(['create', 'secret', 'generic', name, '-n', ns, `--from-literal=k=${name}`]);
  await kubectl(['create', 'secret', 'generic', 'o', '-n', other, '--from-literal=k=v']);
  h = await syncHarness(cluster, { includeNamespaces: [ns, other] });
  const fetched = await h.sync.fetch({ clusterId: testClusterId('c1') });
  expect(fetched.totals).toMatchObject({ added: 4, failed: 0 });
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, other, '--wait=false']);
  h?.dispose();
  await cluster?.close();
});

const accountRows = () =>
  h.fx.vault.db().prepare('SELECT name, last_synced FROM accounts ORDER BY name').all() as {
    name: string;
    last_synced: number;
  }[];

it('a no-change sync on a busy cluster resumes the watch, writes no account, and marks each namespace synced', async () => {
  await busy('beat-1');
  const before = accountRows();
  h.fx.clock.advance(60_000);
  const report = await h.sync.sync({ clusterId: testClusterId('c1') });
  expect(report.via).toBe('watch');
  expect(report.shortCircuit).toBe(false);
  expect(report.totals).toEqual({ added: 0, changed: 0, deleted: 0, unchanged: 4, failed: 0 });
  expect(report.namespaces.map((n) => n.outcome)).toEqual(['unchanged', 'unchanged']);
  expect(accountRows()).toEqual(before);
  const db = h.fx.vault.db();
  expect(repo.resourceFor(db, 'c1', ns)?.last_synced).toBe(h.fx.clock.now());
});

it('applies what changed since the last sync: added, changed, deleted, hidden types skipped, old value kept', async () => {
  await kubectl(['apply', '-f', '-'], secretManifest(ns, 'a', { k: 'a2' }));
  await kubectl(['delete', 'secret', 'b', '-n', ns]);
  await kubectl(['create', 'secret', 'generic', 'd', '-n', ns, '--from-literal=k=d']);
  await kubectl(
    ['apply', '-f', '-'],
    secretManifest(ns, 'sh.helm.release.v1.x.v1', { release: 'r' }, 'helm.sh/release.v1'),
  );
  await busy('beat-2');
  const report = await h.sync.sync({ clusterId: testClusterId('c1') });
  expect(report.via).toBe('watch');
  const nsr = report.namespaces.find((r) => r.namespace === ns);
  expect(nsr).toMatchObject({ added: 1, changed: 1, deleted: 1, unchanged: 1, outcome: 'ok' });
  const db = h.fx.vault.db();
  const index = repo.accountIndex(db, repo.resourceFor(db, 'c1', ns)?.id ?? 0);
  expect([...index.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
  expect(index.get('b')?.state).toBe('deleted_in_cluster');
  const values = repo
    .versionsOf(db, index.get('a')?.id ?? 0)
    .map((v) => Buffer.from(decodeData(v.data).k ?? []).toString());
  expect(values).toEqual(['a2', 'a']);
  // Audited like every batch the engine commits: the changed namespace, with counts and no value.
  const batch = h.fx.audit.list({ action: 'sync.sync_batch', limit: 1 }).events[0];
  expect(batch?.details.namespaces).toEqual([{ namespace: ns, added: 1, changed: 1, deleted: 1 }]);
});

it('a change made after the last watch is picked up by the next sync (the cursor misses nothing)', async () => {
  await kubectl(['apply', '-f', '-'], secretManifest(ns, 'c', { k: 'c2' }));
  const report = await h.sync.sync({ clusterId: testClusterId('c1') });
  expect(report.namespaces.find((r) => r.namespace === ns)).toMatchObject({ changed: 1, added: 0, deleted: 0 });
  const again = await h.sync.sync({ clusterId: testClusterId('c1') });
  expect(again.totals).toMatchObject({ added: 0, changed: 0, deleted: 0, unchanged: 4 });
});

it.skipIf(!!process.env.STRONGROOM_TEST_KUBECONFIG)(
  'falls back to the metadata list when the watch fails, with the same result (sandbox only: forced watch failures)',
  async () => {
    await kubectl(['apply', '-f', '-'], secretManifest(ns, 'd', { k: 'd2' }));
    await busy('beat-3');
    cluster.sandbox?.faults.set({ failRate: { watch: 1 } });
    try {
      const report = await h.sync.sync({ clusterId: testClusterId('c1') });
      expect(report.via).toBe('list');
      expect(report.namespaces.find((r) => r.namespace === ns)).toMatchObject({ changed: 1, unchanged: 2, failed: 0 });
    } finally {
      cluster.sandbox?.faults.reset();
    }
    await busy('beat-4');
    const next = await h.sync.sync({ clusterId: testClusterId('c1') });
    expect(next.via).toBe('watch');
    expect(next.totals).toMatchObject({ changed: 0, unchanged: 4 });
  },
);
