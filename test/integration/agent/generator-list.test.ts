// The generator's output as one `kind: List` passes kubectl's client-side schema validation (as on a real kube-apiserver).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { agentClusterApi } from '../../../src/main/agent/cluster-api';
import { buildAgentManifest, manifestDocuments } from '../../../src/main/agent/manifest';
import { toYaml } from '../../../src/main/agent/yaml-docs';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { applyYaml, secretYaml } from './harness';
import { workloadFor } from './rbac-fixture';

let cluster: TestCluster;
let ns: string;

beforeAll(async () => {
  cluster = await getTestCluster();
  ns = cluster.uniqueName('agent-list');
  expect((await cluster.kubectl(['create', 'namespace', ns])).code).toBe(0);
  await applyYaml(cluster, secretYaml(ns, 'db', { password: Buffer.from('pw') }));
  await applyYaml(cluster, toYaml(workloadFor(ns, 'web')));
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await cluster?.close();
});

it('kubectl apply --dry-run=server of a List holding the sidecar Deployment validates without --validate=false', async () => {
  const api = agentClusterApi(cluster.kubeConfig());
  const m = buildAgentManifest(await api.readWorkload('Deployment', ns, 'web'), {
    secrets: ['db'],
    mode: 'sidecar',
    sealed: false,
  });
  const list = toYaml({ apiVersion: 'v1', kind: 'List', items: manifestDocuments(m) });
  // The sidecar is an init container with restartPolicy: Always, a field the schema must know.
  expect(list).toContain('restartPolicy: Always');
  const r = await cluster.kubectl(['apply', '--dry-run=server', '-f', '-'], { input: list });
  expect(r.stderr).not.toMatch(/unknown field|ValidationError/);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/deployment\.apps\/web (configured|unchanged) \(server dry run\)/);
});
