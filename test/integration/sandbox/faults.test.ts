// Fault injection: 429 with Retry-After, injected failures, dropped lists and the admin HTTP endpoint (sandbox-only).
import { ApiException, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';

let c: TestCluster;
let core: CoreV1Api;

async function failure(promise: Promise<unknown>): Promise<ApiException<unknown>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

beforeAll(async () => {
  c = await getTestCluster();
  core = c.kubeConfig().makeApiClient(CoreV1Api);
});
afterEach(() => c.sandbox?.faults.reset());
afterAll(() => c.close());

describe.skipIf(!!process.env.STRONGROOM_TEST_KUBECONFIG)('fault injection (sandbox-only: fault injection)', () => {
  it('answers 429 TooManyRequests with Retry-After, then serves normally', async () => {
    c.sandbox?.faults.set({ throttleNext: 1, retryAfterSeconds: 7 });
    const error = await failure(core.listNamespace());
    expect(error.code).toBe(429);
    expect(error.headers['retry-after']).toBe('7');
    expect((await core.listNamespace()).items.length).toBeGreaterThan(0);
  });

  it('fails every request of a verb at fail rate 1 with 500, leaving other verbs alone', async () => {
    c.sandbox?.faults.set({ failRate: { list: 1 } });
    expect((await failure(core.listNamespace())).code).toBe(500);
    expect((await core.readNamespace({ name: 'default' })).metadata?.name).toBe('default');
  });

  it('cuts a list response off mid-body', async () => {
    c.sandbox?.faults.set({ dropNextLists: 1 });
    await expect(core.listSecretForAllNamespaces()).rejects.toThrow();
    expect((await core.listSecretForAllNamespaces()).items).toBeDefined();
  });

  it('adds latency to API requests', async () => {
    c.sandbox?.faults.set({ latencyMs: 150 });
    const start = Date.now();
    await core.readNamespace({ name: 'default' });
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('takes fault settings over HTTP from the admin only', async () => {
    const post = (token: string) =>
      c.kubectl(['create', '--raw', '/sandbox/faults', '-f', '-'], {
        input: JSON.stringify({ throttleNext: 2 }),
        kubeconfig: c.writeKubeconfig(token, 'faults'),
      });
    const admin = await post(c.adminToken ?? '');
    expect(admin.stderr).toBe('');
    expect(JSON.parse(admin.stdout).throttleNext).toBe(2);
    c.sandbox?.faults.reset();
    await core.createNamespacedServiceAccount({ namespace: 'default', body: { metadata: { name: 'faults-nobody' } } });
    const tr = await core.createNamespacedServiceAccountToken({
      name: 'faults-nobody',
      namespace: 'default',
      body: { spec: { expirationSeconds: 600 } },
    });
    const denied = await post(tr.status?.token ?? '');
    expect(denied.stderr).toContain('Forbidden');
    await core.deleteNamespacedServiceAccount({ name: 'faults-nobody', namespace: 'default' });
  });
});
