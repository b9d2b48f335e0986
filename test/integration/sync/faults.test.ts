// Cancel mid-fetch and a 403 on one namespace: the vault holds each namespace whole or not at all, and the next sync completes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { testClusterId } from '../../support/ids';
import { appHarness, clusterSecretNames, expectWholeOrAbsent, kubectlOk, syncHarness } from './harness';

let cluster: TestCluster;
const namespaces: string[] = [];

function secretList(ns: string, count: number): string {
  const items = Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `s-${i}`, namespace: ns },
    data: { value: Buffer.from(`value ${i}\n`).toString('base64') },
  }));
  // A stream of JSON documents: kubectl applies each (a v1 List needs an OpenAPI schema the sandbox may lack).
  return items.map((i) => JSON.stringify(i)).join('\n');
}

const kubectl = (args: string[], input?: string) => kubectlOk(cluster, args, input);

beforeAll(async () => {
  cluster = await getTestCluster();
  for (let i = 0; i < 6; i++) {
    const ns = cluster.uniqueName(`faults${i}`);
    namespaces.push(ns);
    await kubectl(['create', 'namespace', ns]);
    await kubectl(['apply', '-f', '-'], secretList(ns, 5));
  }
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ...namespaces, '--wait=false']);
  await cluster?.close();
});

it('a cancel mid-fetch keeps each namespace whole or absent, reports cancelled, and the next sync completes', async () => {
  const h = await appHarness(cluster, { includeNamespaces: namespaces });
  try {
    cluster.sandbox?.faults.set({ latencyMs: 150 });
    const jobId = crypto.randomUUID();
    let cancelled: Promise<unknown> | undefined;
    const off = h.app.events.subscribe((name, payload) => {
      const p = payload as { jobId: string; namespace?: string };
      if (name === 'sync:progress' && p.jobId === jobId && p.namespace && !cancelled)
        cancelled = h.call('sync:cancel', { jobId });
    });
    const report = await h.call('sync:fetch', { clusterId: 'c1', namespaces, jobId });
    off();
    cluster.sandbox?.faults.reset();
    expect(await cancelled).toEqual({ cancelled: true });
    expect(report.cancelled).toBe(true);
    let whole = 0;
    for (const ns of namespaces) {
      if (expectWholeOrAbsent(h.app.vault.db(), 'c1', ns, await clusterSecretNames(cluster, ns)) === 'whole') whole++;
    }
    expect(whole).toBeGreaterThanOrEqual(1);
    const next = await h.call('sync:sync', { clusterId: 'c1' });
    expect(next.cancelled).toBe(false);
    expect(next.totals.failed).toBe(0);
    const fetched = await h.call('sync:fetch', { clusterId: 'c1', namespaces });
    expect(fetched.totals.failed).toBe(0);
    for (const ns of namespaces)
      expect(expectWholeOrAbsent(h.app.vault.db(), 'c1', ns, await clusterSecretNames(cluster, ns))).toBe('whole');
  } finally {
    cluster.sandbox?.faults.reset();
    await h.dispose();
  }
});

it('a 403 on one namespace fails that namespace only, with its error code, and the rest is fetched and synced', async () => {
  const [allowed, denied] = namespaces as [string, string];
  await kubectl(['create', 'serviceaccount', 'sync-reader', '-n', allowed]);
  const rbac = [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'sync-reader', namespace: allowed },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'sync-reader', namespace: allowed },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'sync-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'sync-reader', namespace: allowed }],
    },
  ];
  await kubectl(['apply', '-f', '-'], rbac.map((o) => JSON.stringify(o)).join('\n'));
  const token = (await kubectl(['create', 'token', 'sync-reader', '-n', allowed])).trim();
  const h = await syncHarness(cluster, { includeNamespaces: [allowed, denied] }, token);
  try {
    const report = await h.sync.fetch({ clusterId: testClusterId('c1') });
    const byNs = Object.fromEntries(report.namespaces.map((n) => [n.namespace, n]));
    expect(byNs[allowed]).toMatchObject({ outcome: 'ok', added: 5, failed: 0 });
    expect(byNs[denied]).toMatchObject({ outcome: 'failed', failed: 1, error: { code: 'forbidden' } });
    expect(JSON.stringify(report)).not.toContain(token);
    const db = h.fx.vault.db();
    expect(expectWholeOrAbsent(db, 'c1', allowed, await clusterSecretNames(cluster, allowed))).toBe('whole');
    expect(expectWholeOrAbsent(db, 'c1', denied, [])).toBe('absent');
    const next = await h.sync.sync({ clusterId: testClusterId('c1') });
    expect(next.namespaces.map((n) => n.namespace)).toEqual([allowed]);
    expect(next.totals).toMatchObject({ failed: 0, unchanged: 5 });
  } finally {
    h.dispose();
  }
});
