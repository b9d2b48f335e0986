// resources:consumers against the test cluster: a Deployment using a Secret by env and by volume, an agent sidecar, and a refusal.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAgentManifest } from '../../../src/main/agent/manifest';
import type { Workload } from '../../../src/main/agent/workload-types';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { type AppHarness, appHarness, kubectlOk, secretManifest } from '../sync/harness';

let cluster: TestCluster;
let h: AppHarness;
let ns: string;
const kubectl = (args: string[], input?: string) => kubectlOk(cluster, args, input);

/** replicas 0: nothing is scheduled, so any cluster accepts it without pulling an image. */
function deployment(name: string, podSpec: Workload['spec']['template']['spec']): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: podSpec },
    },
  };
}

const envUse = { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } };

async function accountId(call: AppHarness['call'], name: string): Promise<number> {
  const page = await call('resources:list', { filter: { text: name, clusterId: 'c1' } });
  const row = page.rows.find((r) => r.name === name && r.namespace === ns);
  if (!row) throw new Error(`account ${name} was not fetched`);
  return row.id;
}

beforeAll(async () => {
  cluster = await getTestCluster();
  ns = cluster.uniqueName('consumers');
  await kubectl(['create', 'namespace', ns]);
  await kubectl(['apply', '-f', '-'], secretManifest(ns, 'db', { password: 'pw' }));
  await kubectl(['apply', '-f', '-'], secretManifest(ns, 'unused', { k: 'v' }));
  const web = deployment('web', {
    containers: [
      {
        name: 'app',
        image: 'registry.k8s.io/pause:3.9',
        env: [envUse],
        volumeMounts: [{ name: 'creds', mountPath: '/etc/db', readOnly: true }],
      },
    ],
    volumes: [{ name: 'creds', secret: { secretName: 'db' } }],
  });
  const plain = deployment('api', { containers: [{ name: 'api', image: 'registry.k8s.io/pause:3.9', env: [envUse] }] });
  const agent = buildAgentManifest(plain, { secrets: ['db'], mode: 'sidecar', sealed: false }).workload;
  for (const w of [web, agent]) await kubectl(['apply', '-f', '-'], JSON.stringify(w));
  h = await appHarness(cluster, { includeNamespaces: [ns] });
  await h.call('sync:fetch', { clusterId: 'c1', namespaces: [ns] });
}, 120_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await h?.dispose();
  await cluster?.close();
});

it('lists a Deployment that uses the Secret by env and by volume, with the key and the mount path', async () => {
  const consumers = await h.call('resources:consumers', { accountId: await accountId(h.call, 'db') });
  const web = consumers.find((c) => c.name === 'web');
  expect(web).toEqual({
    kind: 'Deployment',
    namespace: ns,
    name: 'web',
    usages: [
      { via: 'env', container: 'app', env: 'PGPASSWORD', key: 'password' },
      { via: 'volume', container: 'app', mountPath: '/etc/db' },
    ],
    agentSidecar: false,
  });
});

it('marks the Deployment the agent generator gave a sidecar, and lists nothing for an unused Secret', async () => {
  const consumers = await h.call('resources:consumers', { accountId: await accountId(h.call, 'db') });
  expect(consumers.find((c) => c.name === 'api')).toMatchObject({ kind: 'Deployment', agentSidecar: true });
  expect(consumers.map((c) => c.name).sort()).toEqual(['api', 'web']);
  expect(await h.call('resources:consumers', { accountId: await accountId(h.call, 'unused') })).toEqual([]);
});

it('a token that may read Secrets but not workloads gets forbidden, with the rights to grant', async () => {
  const rbac = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: ns } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'reader', namespace: ns },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'reader', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns }],
    },
  ];
  await kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: rbac }));
  const token = (await kubectl(['create', 'token', 'reader', '-n', ns, '--duration=10m'])).trim();
  const reader = await appHarness(cluster, { includeNamespaces: [ns] }, token);
  try {
    await reader.call('sync:fetch', { clusterId: 'c1', namespaces: [ns] });
    const result = await reader.app.call('resources:consumers', { accountId: await accountId(reader.call, 'db') });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('forbidden');
    expect(result.error.message).toContain(`listing Deployments in ${ns}`);
    expect(result.error.fix).toContain('"list" on deployments');
  } finally {
    await reader.dispose();
  }
});
