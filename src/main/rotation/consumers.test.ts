// Which pod templates use a Secret (env, envFrom, volume, projected), the agent sidecar mark, and when a rollout is complete.
import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import { expect, it } from 'vitest';
import { hasAgentSidecar, rolloutComplete, secretUses } from './consumers';

const template = (spec: Partial<NonNullable<V1PodTemplateSpec['spec']>>): V1PodTemplateSpec => ({
  spec: { containers: [{ name: 'app' }], ...spec },
});

it('finds each way a pod template uses the Secret, and nothing for another Secret', () => {
  const t = template({
    initContainers: [
      { name: 'init', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] },
    ],
    containers: [{ name: 'app', envFrom: [{ secretRef: { name: 'db' } }] }],
    volumes: [
      { name: 'v', secret: { secretName: 'db' } },
      { name: 'p', projected: { sources: [{ secret: { name: 'db' } }] } },
    ],
  });
  expect(secretUses(t, 'db').sort()).toEqual(['env', 'envFrom', 'projected', 'volume']);
  expect(secretUses(t, 'other')).toEqual([]);
});

it('marks a template with the strongroom-agent container in sidecar mode, and no other', () => {
  const agent = (value: string) => ({ name: 'strongroom-agent', env: [{ name: 'STRONGROOM_AGENT_MODE', value }] });
  expect(hasAgentSidecar(template({ containers: [{ name: 'app' }, agent('sidecar')] }))).toBe(true);
  expect(hasAgentSidecar(template({ containers: [{ name: 'app' }, agent('init')] }))).toBe(false);
  expect(
    hasAgentSidecar(
      template({ containers: [{ name: 'app', env: [{ name: 'STRONGROOM_AGENT_MODE', value: 'sidecar' }] }] }),
    ),
  ).toBe(false);
});

it('a rollout is complete only when the newest generation is observed and every wanted pod is updated and available', () => {
  const meta = { generation: 3 };
  expect(
    rolloutComplete('Deployment', {
      metadata: meta,
      spec: { template: {}, replicas: 2 },
      status: { observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2, replicas: 2 },
    }),
  ).toBe(false);
  expect(
    rolloutComplete('Deployment', {
      metadata: meta,
      spec: { template: {}, replicas: 2 },
      status: { observedGeneration: 3, updatedReplicas: 1, availableReplicas: 2, replicas: 3 },
    }),
  ).toBe(false);
  expect(
    rolloutComplete('Deployment', {
      metadata: meta,
      spec: { template: {}, replicas: 2 },
      status: { observedGeneration: 3, updatedReplicas: 2, availableReplicas: 2, replicas: 2 },
    }),
  ).toBe(true);
  expect(
    rolloutComplete('DaemonSet', {
      metadata: meta,
      status: { observedGeneration: 3, updatedNumberScheduled: 4, desiredNumberScheduled: 5 },
    }),
  ).toBe(false);
});
