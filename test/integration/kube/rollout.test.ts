// Rollout restart sends kubectl's strategic-merge patch: it works on a template without annotations and matches kubectl's result.
import { AppsV1Api, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESTARTED_AT, restartPatch, rolloutRestart } from '../../../src/main/kube/rollout';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { type Scratch, scratchNamespace } from './support';

let cluster: TestCluster;
let s: Scratch;
let apps: AppsV1Api;

beforeAll(async () => {
  cluster = await getTestCluster();
  s = await scratchNamespace(cluster, 'kube-rollout');
  apps = s.kc.makeApiClient(AppsV1Api);
});

afterAll(async () => {
  await s?.dispose();
  await cluster?.close();
});

/** A Deployment whose pod template has no annotations at all (kube-apiserver then omits the field). */
function deployment(name: string): V1Deployment {
  return {
    metadata: { name },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'registry.invalid/app:1' }] },
      },
    },
  };
}

describe('rolloutRestart', () => {
  it('formats restartedAt as kubectl does (RFC 3339, seconds)', () => {
    expect(restartPatch(new Date('2026-12-01T10:11:12.345Z'))).toEqual({
      spec: { template: { metadata: { annotations: { [RESTARTED_AT]: '2026-12-01T10:11:12Z' } } } },
    });
  });

  it('adds the annotation to a template that has none, keeping its labels and containers', async () => {
    await apps.createNamespacedDeployment({ namespace: s.namespace, body: deployment('plain') });
    const at = new Date('2026-12-01T10:00:00Z');
    await rolloutRestart(s.kc, { kind: 'Deployment', namespace: s.namespace, name: 'plain' }, { at });
    const read = await apps.readNamespacedDeployment({ namespace: s.namespace, name: 'plain' });
    expect(read.spec?.template.metadata?.annotations).toEqual({ [RESTARTED_AT]: '2026-12-01T10:00:00Z' });
    expect(read.spec?.template.metadata?.labels).toEqual({ app: 'plain' });
    expect(read.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['app']);
  });

  it('leaves the same template shape as `kubectl rollout restart`', async () => {
    await apps.createNamespacedDeployment({ namespace: s.namespace, body: deployment('by-kubectl') });
    const r = await cluster.kubectl(['-n', s.namespace, 'rollout', 'restart', 'deployment/by-kubectl']);
    expect(r.code, r.stderr).toBe(0);
    await rolloutRestart(s.kc, { kind: 'Deployment', namespace: s.namespace, name: 'plain' }, { at: new Date() });
    const theirs = await apps.readNamespacedDeployment({ namespace: s.namespace, name: 'by-kubectl' });
    const ours = await apps.readNamespacedDeployment({ namespace: s.namespace, name: 'plain' });
    expect(Object.keys(ours.spec?.template.metadata?.annotations ?? {})).toEqual(
      Object.keys(theirs.spec?.template.metadata?.annotations ?? {}),
    );
    expect(theirs.spec?.template.metadata?.annotations?.[RESTARTED_AT]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  });

  it('reports a missing workload as not found', async () => {
    const error = await rolloutRestart(
      s.kc,
      { kind: 'Deployment', namespace: s.namespace, name: 'absent' },
      { at: new Date(), cluster: 'test' },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not_found', status: 404, cluster: 'test' });
  });
});
