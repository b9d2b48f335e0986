// The impact sentence counts keys and restarted workloads by kind, leaving out agent-sidecar ones and all with restart off.
import { expect, it } from 'vitest';
import type { RotationConsumer, RotationPlanData } from '../../../shared/ipc/mapping';
import { impactSentence } from './impact';

const consumer = (kind: RotationConsumer['kind'], name: string, agentSidecar = false): RotationConsumer => ({
  clusterId: 'c1',
  kind,
  namespace: 'ns',
  name,
  uses: ['env'],
  agentSidecar,
});

const plan: RotationPlanData = {
  resource: 'db',
  account: 'app',
  keys: [
    { clusterId: 'c1', namespace: 'ns', secret: 's', key: 'password' },
    { clusterId: 'c1', namespace: 'ns', secret: 's', key: 'url' },
  ],
  consumers: [
    consumer('Deployment', 'a'),
    consumer('Deployment', 'b'),
    consumer('Deployment', 'c'),
    consumer('StatefulSet', 'd'),
    consumer('Deployment', 'e', true),
  ],
};

it('says how many keys are written and how many workloads of each kind restart, without agent-sidecar ones', () => {
  expect(impactSentence(plan, true)).toBe('This will write 2 keys and restart 3 Deployments and 1 StatefulSet.');
});

it('says no workload restarts when restarting is off, and uses the singular for one key', () => {
  expect(impactSentence({ ...plan, keys: plan.keys.slice(0, 1) }, false)).toBe(
    'This will write 1 key and restart no workload.',
  );
});
