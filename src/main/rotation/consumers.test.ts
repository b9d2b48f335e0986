// When a restarted workload's rollout is complete.
import { expect, it } from 'vitest';
import { rolloutComplete } from './consumers';

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
