// Watch with resume: events after a resourceVersion in order, a cursor that misses nothing, bookmarks, and 410 for a version too old.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSecret } from '../../../src/main/kube/secret-types';
import { KubeSecrets } from '../../../src/main/kube/secrets';
import { watchFrom } from '../../../src/main/kube/watch';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { putSecret, type Scratch, scratchNamespace } from './support';

let cluster: TestCluster;
let s: Scratch;

beforeAll(async () => {
  cluster = await getTestCluster({ bookmarkIntervalMs: 100 });
  s = await scratchNamespace(cluster, 'kube-watch');
});

afterAll(async () => {
  await s?.dispose();
  await cluster?.close();
});

const signal = () => new AbortController().signal;

function watchNamespace(from: string, idleMs = 400) {
  const seen: string[] = [];
  const result = watchFrom<RawSecret>(s.kc, `/api/v1/namespaces/${s.namespace}/secrets`, {
    resourceVersion: from,
    signal: signal(),
    timeoutMs: 20_000,
    idleMs,
    what: 'watching Secrets',
    onEvent: (type, secret) => seen.push(`${type} ${secret.metadata?.name}`),
  });
  return { seen, result };
}

describe('watchFrom', () => {
  it('delivers what changed after the version, in order, and returns a cursor that resumes with nothing missed', async () => {
    const start = (await new KubeSecrets(s.kc, 20_000).secretMeta(s.namespace, signal())).resourceVersion;
    await putSecret(s, 'a', 'one');
    const current = await s.core.readNamespacedSecret({ namespace: s.namespace, name: 'a' });
    current.metadata = { ...current.metadata, labels: { x: 'y' } };
    await s.core.replaceNamespacedSecret({ namespace: s.namespace, name: 'a', body: current });
    await s.core.deleteNamespacedSecret({ namespace: s.namespace, name: 'a' });
    const first = watchNamespace(start);
    const r = await first.result;
    expect(r.expired).toBe(false);
    expect(first.seen).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
    expect(r.events).toBe(3);
    expect(r.resourceVersion).not.toBe(start);

    await putSecret(s, 'b', 'two');
    const second = watchNamespace(r.resourceVersion);
    expect((await second.result).events).toBe(1);
    expect(second.seen).toEqual(['ADDED b']);
  });

  it('returns the starting version when nothing changed, so the next resume misses nothing', async () => {
    const start = (await new KubeSecrets(s.kc, 20_000).secretMeta(s.namespace, signal())).resourceVersion;
    const quiet = watchNamespace(start, 300);
    const r = await quiet.result;
    expect(r).toMatchObject({ events: 0, expired: false, resourceVersion: start });
  });

  it.skipIf(!!process.env.STRONGROOM_TEST_KUBECONFIG)(
    'moves the cursor on a bookmark although no Secret changed (sandbox only: bookmarks every 100 ms)',
    async () => {
      const start = (await new KubeSecrets(s.kc, 20_000).secretMeta(s.namespace, signal())).resourceVersion;
      await s.core.createNamespacedConfigMap({ namespace: s.namespace, body: { metadata: { name: 'moves-rv' } } });
      const r = await watchNamespace(start, 600).result;
      expect(r.events).toBe(0);
      expect(Number(r.resourceVersion)).toBeGreaterThan(Number(start));
    },
  );

  it('is cancelled by its signal', async () => {
    const controller = new AbortController();
    const start = (await new KubeSecrets(s.kc, 20_000).secretMeta(s.namespace, signal())).resourceVersion;
    const pending = watchFrom(s.kc, `/api/v1/namespaces/${s.namespace}/secrets`, {
      resourceVersion: start,
      signal: controller.signal,
      timeoutMs: 20_000,
      what: 'watching Secrets',
      onEvent: () => undefined,
    });
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('watchFrom a version too old to resume from', () => {
  let old: TestCluster;
  beforeAll(async () => {
    // The sandbox keeps its last 20,000 changes; 21,000 seeded Secrets push version 1 out, as compaction does on etcd.
    old = cluster.isSandbox ? await getTestCluster({ seed: { bulk: 21_000, namespaces: 1 } }) : cluster;
  }, 120_000);
  afterAll(async () => {
    if (old !== cluster) await old?.close();
  });

  it('reports expired (410), so the caller lists again', async () => {
    const result = await watchFrom(old.kubeConfig(), '/api/v1/secrets', {
      resourceVersion: '1',
      signal: signal(),
      timeoutMs: 20_000,
      idleMs: 2_000,
      what: 'watching Secrets',
      onEvent: () => undefined,
    });
    expect(result.expired).toBe(true);
  });
});
