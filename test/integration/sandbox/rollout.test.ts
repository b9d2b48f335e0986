// kubectl rollout restart and rollout status on Deployments, StatefulSets and DaemonSets whose pod templates carry
// no annotations: the restart patch creates the map, and the (simulated) controllers finish the rollout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';

let c: TestCluster;
let ns: string;
/** A real cluster needs a Ready node for pods to run; without one no rollout can complete. */
let schedulable = true;

const workload = (kind: string, name: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
${kind === 'DaemonSet' ? '' : '  replicas: 2\n'}${kind === 'StatefulSet' ? `  serviceName: ${name}\n` : ''}  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
      - name: app
        image: registry.k8s.io/pause:3.10
`;

async function ok(args: string[], input?: string): Promise<string> {
  const r = await c.kubectl(args, input === undefined ? {} : { input });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  c = await getTestCluster();
  ns = c.uniqueName('sr-rollout');
  await ok(['create', 'namespace', ns]);
  if (!c.isSandbox) {
    const nodes = await c.kubectl([
      'get',
      'nodes',
      '-o',
      'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}',
    ]);
    schedulable = nodes.stdout.includes('True');
  }
}, 60_000);

afterAll(async () => {
  await c.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await c.close();
});

describe.each([
  ['Deployment', 'deployment', 'deploy-a'],
  ['StatefulSet', 'statefulset', 'sts-a'],
  ['DaemonSet', 'daemonset', 'ds-a'],
])('%s', (kind, resource, name) => {
  it('completes rollout status after create, restarts without template annotations, and completes again', async ({
    skip,
  }) => {
    if (!schedulable) skip();
    await ok(['apply', '-n', ns, '-f', '-'], workload(kind, name));
    await ok(['rollout', 'status', `${resource}/${name}`, '-n', ns, '--timeout=120s']);
    const before = JSON.parse(await ok(['get', resource, name, '-n', ns, '-o', 'json']));
    expect(before.spec.template.metadata.annotations).toBeUndefined();
    expect(before.status.observedGeneration).toBe(before.metadata.generation);
    expect(await ok(['rollout', 'restart', `${resource}/${name}`, '-n', ns])).toContain('restarted');
    const restarted = JSON.parse(await ok(['get', resource, name, '-n', ns, '-o', 'json']));
    expect(restarted.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
    expect(restarted.metadata.generation).toBe(before.metadata.generation + 1);
    const status = await ok(['rollout', 'status', `${resource}/${name}`, '-n', ns, '--timeout=120s']);
    expect(status).toMatch(/successfully rolled out|rolling update complete|roll out complete/);
    const after = JSON.parse(await ok(['get', resource, name, '-n', ns, '-o', 'json']));
    expect(after.status.observedGeneration).toBe(restarted.metadata.generation);
    if (kind === 'StatefulSet') expect(after.status.updateRevision).toBe(after.status.currentRevision);
    if (kind === 'Deployment') expect(after.status.updatedReplicas).toBe(2);
  }, 180_000);
});

describe('controller timing', () => {
  it('keeps rollout status waiting until the controller observes the new generation (sandbox-only: controller delay)', async ({
    skip,
  }) => {
    if (!c.isSandbox) skip();
    const slow = await getTestCluster({ rolloutDelayMs: 60_000 });
    try {
      const create = await slow.kubectl(['apply', '-n', 'default', '-f', '-'], {
        input: workload('Deployment', 'slow'),
      });
      expect(create.code).toBe(0);
      const waiting = await slow.kubectl(['rollout', 'status', 'deployment/slow', '-n', 'default', '--timeout=2s']);
      expect(waiting.code).not.toBe(0);
      expect(waiting.stdout + waiting.stderr).toMatch(/Waiting for deployment spec update to be observed|timed out/);
    } finally {
      await slow.close();
    }
  }, 60_000);
});
