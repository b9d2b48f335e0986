// The one paged-list loop: every page in order, one resourceVersion, and a clean restart when a continue token expires (410).
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeConfigFor } from '../../../src/main/kube/connection';
import { MAX_PAGE_SIZE, PAGE_SIZE, type PagedListOptions, pagedList } from '../../../src/main/kube/paged-list';
import type { RawSecret } from '../../../src/main/kube/secret-types';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { putSecret, type Scratch, scratchNamespace } from './support';

let cluster: TestCluster;
let s: Scratch;
const NAMES = ['p1', 'p2', 'p3', 'p4', 'p5'];

beforeAll(async () => {
  cluster = await getTestCluster();
  s = await scratchNamespace(cluster, 'kube-paged');
  for (const name of NAMES) await putSecret(s, name, name);
});

afterAll(async () => {
  await s?.dispose();
  await cluster?.close();
});

/** Lists the scratch namespace's Secrets two at a time; returns the names delivered and the restarts seen. */
async function listByTwo(extra: Partial<PagedListOptions<RawSecret>> = {}) {
  const names: string[] = [];
  let restarts = 0;
  const pages: number[] = [];
  const rv = await pagedList<RawSecret>({
    what: 'listing Secrets',
    signal: new AbortController().signal,
    timeoutMs: 20_000,
    request: (cont, call) =>
      s.core.listNamespacedSecret(
        { namespace: s.namespace, limit: 2, _continue: cont, fieldSelector: 'type=Opaque' },
        call.options,
      ),
    onPage: (list) => {
      pages.push(list.items?.length ?? 0);
      for (const item of list.items ?? []) names.push(item.metadata?.name ?? '');
    },
    onRestart: () => {
      restarts++;
      names.length = 0;
    },
    ...extra,
  });
  return { names, restarts, rv, pages };
}

describe('pagedList', () => {
  it('an adaptive list sizes the next page from what the last one weighed', async () => {
    const limits: number[] = [];
    const r = await listByTwo({
      adaptive: true,
      // The server is asked for at most two, so that the list has pages to adapt between.
      request: (cont, call, limit) => {
        limits.push(limit);
        return s.core.listNamespacedSecret(
          { namespace: s.namespace, limit: Math.min(limit, 2), _continue: cont, fieldSelector: 'type=Opaque' },
          call.options,
        );
      },
    });
    expect(r.names).toEqual(NAMES);
    // Two Secrets of a few hundred bytes weigh far below a page's target: the next pages ask for the most.
    expect(limits).toEqual([PAGE_SIZE, MAX_PAGE_SIZE, MAX_PAGE_SIZE]);
  });

  it('delivers every page in order and returns the first page’s resourceVersion', async () => {
    const r = await listByTwo();
    expect(r.names).toEqual(NAMES);
    expect(r.pages).toEqual([2, 2, 1]);
    expect(r.rv).toMatch(/^\d+$/);
  });

  it('stops after the first page when asked (a resourceVersion probe)', async () => {
    const r = await listByTwo({ firstPageOnly: true });
    expect(r.names).toEqual(['p1', 'p2']);
  });

  it('maps a refusal to a typed error naming what failed', async () => {
    const stranger = kubeConfigFor({ ...s.spec, token: 'not-a-valid-token' }).makeApiClient(CoreV1Api);
    const error = await listByTwo({
      request: (_cont, call) => stranger.listNamespacedSecret({ namespace: s.namespace, limit: 2 }, call.options),
      cluster: 'test',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, cluster: 'test' });
    expect((error as Error).message).toContain('listing Secrets');
  });

  it.skipIf(!!process.env.STRONGROOM_TEST_KUBECONFIG)(
    'restarts from scratch when a continue token expires, delivering each item once (sandbox only: forced 410)',
    async () => {
      cluster.sandbox?.faults.set({ expireNextContinues: 1 });
      const r = await listByTwo();
      expect(r.restarts).toBe(1);
      expect(r.names).toEqual(NAMES);
    },
  );

  it.skipIf(!!process.env.STRONGROOM_TEST_KUBECONFIG)(
    'gives up as expired after repeated 410s (sandbox only: forced 410)',
    async () => {
      cluster.sandbox?.faults.set({ expireNextContinues: 10 });
      const error = await listByTwo().catch((e: unknown) => e);
      cluster.sandbox?.faults.reset();
      expect(error).toMatchObject({ code: 'expired', status: 410 });
    },
  );
});
