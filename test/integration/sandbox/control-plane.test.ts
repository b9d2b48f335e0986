// A control plane that moves: Lease renewals move the list resourceVersion while no Secret changes.
import { CoordinationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';

const started: TestCluster[] = [];
afterAll(async () => {
  for (const c of started) await c.close();
});

async function secretListRv(c: TestCluster): Promise<number> {
  const list = await c.kubeConfig().makeApiClient(CoreV1Api).listSecretForAllNamespaces({ limit: 1 });
  return Number(list.metadata?.resourceVersion);
}

/** Polls `check` until it holds or ~15 s pass (a real control plane renews every 2 to 10 s). */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('background writes', () => {
  it('renews leader-election and node Leases, so the Secret list resourceVersion moves with no Secret written', async () => {
    const c = await getTestCluster({ backgroundWrites: 100 });
    started.push(c);
    const leases = c.kubeConfig().makeApiClient(CoordinationV1Api);
    const first = await leases.readNamespacedLease({ namespace: 'kube-system', name: 'kube-controller-manager' });
    expect(first.spec?.holderIdentity).toBeTruthy();
    const before = await secretListRv(c);
    expect(await eventually(async () => (await secretListRv(c)) > before)).toBe(true);
    const renewedAt = async () => {
      const lease = await leases.readNamespacedLease({ namespace: 'kube-system', name: 'kube-controller-manager' });
      return new Date(lease.spec?.renewTime as unknown as string).getTime();
    };
    const firstAt = new Date(first.spec?.renewTime as unknown as string).getTime();
    expect(await eventually(async () => (await renewedAt()) > firstAt)).toBe(true);
    const node = await leases.listNamespacedLease({ namespace: 'kube-node-lease' });
    expect(node.items.length).toBeGreaterThan(0);
  });

  it('keeps the resourceVersion still when background writes are off (sandbox-only: a quiet control plane)', async ({
    skip,
  }) => {
    const c = await getTestCluster({ backgroundWrites: false });
    started.push(c);
    if (!c.isSandbox) skip();
    const before = await secretListRv(c);
    await new Promise((r) => setTimeout(r, 500));
    expect(await secretListRv(c)).toBe(before);
  });
});
