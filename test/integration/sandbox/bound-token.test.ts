// TokenRequest with a boundObjectRef to a Secret: bound to that Secret's uid, and refused once the Secret is deleted.
import { ApiException, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { reviewStatus, statusOnceRefused } from '../../support/token-refused';

let c: TestCluster;
let core: CoreV1Api;
let ns: string;

beforeAll(async () => {
  c = await getTestCluster();
  core = c.kubeConfig().makeApiClient(CoreV1Api);
  ns = c.uniqueName('sr-bound');
  await core.createNamespace({ body: { metadata: { name: ns } } });
  await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'jit' } } });
});

afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  await c.close();
});

function mint(boundObjectRef: { kind: string; apiVersion: string; name: string; uid?: string }) {
  return core.createNamespacedServiceAccountToken({
    name: 'jit',
    namespace: ns,
    body: { spec: { expirationSeconds: 600, boundObjectRef } },
  });
}

async function failureCode(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
  throw new Error('expected the request to fail');
}

it('refuses a token once the Secret it is bound to is deleted', async () => {
  const bound = await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'session-a' } } });
  const ref = { kind: 'Secret', apiVersion: 'v1', name: 'session-a', uid: bound.metadata?.uid ?? '' };
  const tr = await mint(ref);
  expect(tr.spec?.boundObjectRef).toMatchObject(ref);
  const token = tr.status?.token ?? '';
  expect(await reviewStatus(c, token)).toBe(200);
  await core.deleteNamespacedSecret({ namespace: ns, name: 'session-a' });
  expect(await statusOnceRefused(c, token)).toBe(401);
}, 30_000);

it('refuses to bind to a missing Secret, a Secret of another uid, or a kind it cannot bind', async () => {
  expect(await failureCode(mint({ kind: 'Secret', apiVersion: 'v1', name: 'absent' }))).toBe(404);
  await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'session-b' } } });
  const stale = { kind: 'Secret', apiVersion: 'v1', name: 'session-b', uid: '00000000-0000-0000-0000-000000000000' };
  expect(await failureCode(mint(stale))).toBe(409);
  await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'session-c' } } });
  expect(await failureCode(mint({ kind: 'ConfigMap', apiVersion: 'v1', name: 'session-c' }))).toBe(400);
});
