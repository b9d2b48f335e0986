// Through the agent channels: workloads, manifest with diff, apply with a resourceVersion check, and sealed delivery end to end.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateAgentKeyPair } from '../../../src/main/agent/sealed-box';
import { toYaml } from '../../../src/main/agent/yaml-docs';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { type AppHarness, appHarness } from '../sync/harness';
import { applyYaml, bundleAgent, inClusterEnv, runAgent, secretYaml, targetDir } from './harness';
import { grantAsGenerated, workloadFor } from './rbac-fixture';

let cluster: TestCluster;
let h: AppHarness;
let ns: string;
const request = () => ({
  clusterId: 'c1',
  namespace: ns,
  kind: 'Deployment' as const,
  name: 'web',
  secrets: ['db'],
  mode: 'sidecar' as const,
});
const dbValues = { password: Buffer.from('plain-password\n'), blob: Buffer.from([0, 255, 10, 0]) };

beforeAll(async () => {
  cluster = await getTestCluster();
  ns = cluster.uniqueName('agent-ipc');
  expect((await cluster.kubectl(['create', 'namespace', ns])).code).toBe(0);
  await applyYaml(cluster, secretYaml(ns, 'db', dbValues));
  await applyYaml(cluster, toYaml(workloadFor(ns, 'web')));
  h = await appHarness(cluster);
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await h?.dispose();
  await cluster?.close();
});

it('lists the namespace workloads and shows the manifest with a diff of what applying would change', async () => {
  const workloads = await h.call('agent:workloads', { clusterId: 'c1', namespace: ns });
  expect(workloads).toEqual([{ kind: 'Deployment', name: 'web', hasSidecar: false, hasAgent: false }]);
  const view = await h.call('agent:manifest', request());
  expect(view.yaml).toContain('kind: RoleBinding');
  expect(view.yaml).toContain('medium: Memory');
  expect(view.patchYaml).toContain('strongroom-agent');
  expect(view.fileName).toBe('web-secrets-agent.yaml');
  expect(view.diff).toContainEqual({ op: ' ', text: `# Role ${ns}/web-secrets-agent (new)` });
  expect(view.diff).toContainEqual({ op: '+', text: '        - name: strongroom-agent' });
  expect(view.diff.some((l) => l.op === ' ' && l.text.includes('image: registry.k8s.io/pause'))).toBe(true);
});

it('refuses to apply over a workload that changed since the diff, then applies at the current version', async () => {
  const view = await h.call('agent:manifest', request());
  await cluster.kubectl(['label', 'deployment', 'web', '-n', ns, 'touched=yes']);
  await expect(h.call('agent:apply', { ...request(), resourceVersion: view.resourceVersion })).rejects.toMatchObject({
    code: 'conflict',
  });
  const fresh = await h.call('agent:manifest', request());
  const result = await h.call('agent:apply', {
    ...request(),
    resourceVersion: fresh.resourceVersion,
  });
  expect(result.applied).toEqual([
    'ServiceAccount/web-secrets-agent',
    'Role/web-secrets-agent',
    'RoleBinding/web-secrets-agent',
    'Deployment/web',
  ]);
  const workloads = await h.call('agent:workloads', { clusterId: 'c1', namespace: ns });
  expect(workloads[0]).toMatchObject({ hasSidecar: true, hasAgent: true });
  const audit = await h.call('audit:list', { action: 'agent.apply' });
  expect(audit.events.map((e) => e.outcome).sort()).toEqual(['conflict', 'ok']);
});

it('seals a Secret to a registered agent key: kubectl sees only ciphertext, and the agent writes the original bytes', async () => {
  const pair = generateAgentKeyPair();
  await expect(
    h.call('agent:registerKey', { clusterId: 'c1', namespace: ns, agent: 'web', publicKeyPem: 'not a key' }),
  ).rejects.toMatchObject({ code: 'bad_file' });
  const key = await h.call('agent:registerKey', {
    clusterId: 'c1',
    namespace: ns,
    agent: 'web',
    publicKeyPem: pair.publicKeyPem,
  });
  expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
  const sealed = await h.call('agent:seal', { clusterId: 'c1', namespace: ns, secret: 'db' });
  expect(sealed.keys).toBe(2);
  const raw = await cluster.kubectl(['get', 'secret', 'db', '-n', ns, '-o', 'json']);
  expect(raw.stdout).not.toContain(dbValues.password.toString('base64'));
  expect(raw.stdout).not.toContain('plain-password');
  expect(JSON.parse(raw.stdout).metadata.annotations['strongroom.io/sealed-to']).toBe(key.keyId);
  await expect(h.call('agent:seal', { clusterId: 'c1', namespace: ns, secret: 'db' })).rejects.toMatchObject({
    code: 'conflict',
  });

  const agent = await inClusterEnv(cluster, ns, 'sealed-agent', await bundleAgent());
  await grantAsGenerated(cluster, ns, 'sealed-agent', ['db'], 'init');
  const keyFile = join(agent.saDir, 'agent-private.pem');
  writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o400 });
  const dir = targetDir();
  const base = { STRONGROOM_AGENT_MODE: 'init', STRONGROOM_AGENT_SECRETS: 'db', STRONGROOM_AGENT_DIR: dir };
  const withoutKey = await runAgent(agent, base);
  expect(withoutKey.code).toBe(1);
  expect(withoutKey.stdout).toContain('is sealed; set STRONGROOM_AGENT_PRIVATE_KEY_FILE');
  const run = await runAgent(agent, { ...base, STRONGROOM_AGENT_PRIVATE_KEY_FILE: keyFile });
  expect(run.code, run.stdout).toBe(0);
  expect(readFileSync(join(dir, 'db', 'password')).equals(dbValues.password)).toBe(true);
  expect(readFileSync(join(dir, 'db', 'blob')).equals(dbValues.blob)).toBe(true);
});
