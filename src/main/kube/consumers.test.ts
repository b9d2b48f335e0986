// Each place a pod spec reads a Secret: env keys, envFrom, secret and projected volumes with their mount paths.
import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import { expect, it } from 'vitest';
import { listSecretConsumers, secretUsages, secretUses } from './consumers';

const template = (spec: Partial<NonNullable<V1PodTemplateSpec['spec']>>): V1PodTemplateSpec => ({
  spec: { containers: [{ name: 'app' }], ...spec },
});

const everyUse = template({
  initContainers: [
    { name: 'init', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] },
  ],
  containers: [
    {
      name: 'app',
      envFrom: [{ secretRef: { name: 'db' } }],
      env: [{ name: 'OTHER', valueFrom: { secretKeyRef: { name: 'other', key: 'k' } } }],
      volumeMounts: [
        { name: 'v', mountPath: '/etc/db' },
        { name: 'p', mountPath: '/etc/projected' },
      ],
    },
    { name: 'side', volumeMounts: [{ name: 'v', mountPath: '/db' }] },
  ],
  volumes: [
    { name: 'v', secret: { secretName: 'db' } },
    { name: 'p', projected: { sources: [{ secret: { name: 'db' } }] } },
    { name: 'unmounted', secret: { secretName: 'db' } },
  ],
});

it('finds each way a pod template uses the Secret, and nothing for another Secret', () => {
  expect(secretUses(everyUse, 'db').sort()).toEqual(['env', 'envFrom', 'projected', 'volume']);
  expect(secretUses(template({}), 'db')).toEqual([]);
});

it('names the env variable and key, the container, and every mount path of a volume', () => {
  expect(secretUsages(everyUse.spec, 'db')).toEqual([
    { via: 'env', container: 'init', env: 'P', key: 'password' },
    { via: 'envFrom', container: 'app' },
    { via: 'volume', container: 'app', mountPath: '/etc/db' },
    { via: 'volume', container: 'side', mountPath: '/db' },
    { via: 'projected', container: 'app', mountPath: '/etc/projected' },
    { via: 'volume' },
  ]);
  expect(secretUsages(everyUse.spec, 'other')).toEqual([{ via: 'env', container: 'app', env: 'OTHER', key: 'k' }]);
});

it('an unreachable cluster gives a clear unreachable error naming what was listed', async () => {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
    users: [{ name: 'u', token: 'not-a-real-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  const failure = await listSecretConsumers(kc, 'team', 'db', { cluster: 'prod', timeoutMs: 5000 }).catch((e) => e);
  expect(failure).toMatchObject({
    code: 'unreachable',
    message: expect.stringContaining('listing Deployments in team'),
  });
  expect(JSON.stringify({ message: failure.message, fix: failure.fix })).not.toContain('not-a-real-token');
});
