// Guarded writes: a stale resourceVersion gets a `conflict` carrying the server's current object; a current one lands.
import type { V1Secret } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConflictError, patchIfUnchanged, replaceIfUnchanged } from '../../../src/main/kube/writes';
import { isAppError } from '../../../src/shared/errors';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { putSecret, type Scratch, scratchNamespace } from './support';

let cluster: TestCluster;
let s: Scratch;

beforeAll(async () => {
  cluster = await getTestCluster();
  s = await scratchNamespace(cluster, 'kube-writes');
});

afterAll(async () => {
  await s?.dispose();
  await cluster?.close();
});

const b64 = (v: string) => Buffer.from(v).toString('base64');
const scope = (what: string) => ({ what, timeoutMs: 20_000, cluster: 'test' });

function secret(name: string, rv: string, value: string): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: s.namespace, resourceVersion: rv },
    data: { v: b64(value) },
  };
}

describe('replaceIfUnchanged', () => {
  it('writes when the version is current', async () => {
    const rv = await putSecret(s, 'fresh', 'old');
    const written = await replaceIfUnchanged(s.kc, secret('fresh', rv, 'new'), scope('writing fresh'));
    expect(written.metadata?.resourceVersion).not.toBe(rv);
    const read = await s.core.readNamespacedSecret({ namespace: s.namespace, name: 'fresh' });
    expect(read.data?.v).toBe(b64('new'));
  });

  it('refuses a stale version with a conflict that carries what the server holds now, and overwrites nothing', async () => {
    const rv = await putSecret(s, 'raced', 'ours');
    // Someone else writes first.
    await replaceIfUnchanged(s.kc, secret('raced', rv, 'theirs'), scope('their write'));
    const error = await replaceIfUnchanged(s.kc, secret('raced', rv, 'mine'), scope('writing raced')).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.code).toBe('conflict');
    expect(error).toBeInstanceOf(KubeConflictError);
    const conflict = error as KubeConflictError;
    expect(conflict.status).toBe(409);
    expect(conflict.cluster).toBe('test');
    expect((conflict.current as V1Secret).data?.v).toBe(b64('theirs'));
    expect(conflict.message).not.toContain(b64('theirs'));
    const read = await s.core.readNamespacedSecret({ namespace: s.namespace, name: 'raced' });
    expect(read.data?.v).toBe(b64('theirs'));
  });

  it('maps other refusals to typed errors (not found)', async () => {
    const error = await replaceIfUnchanged(s.kc, secret('missing', '1', 'x'), scope('writing missing')).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'not_found', status: 404, reason: 'NotFound', cluster: 'test' });
  });
});

describe('patchIfUnchanged', () => {
  it('patches at the current version and refuses a stale one with a conflict', async () => {
    const rv = await putSecret(s, 'patched', 'a');
    const ref = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'patched', namespace: s.namespace, resourceVersion: rv },
    };
    await patchIfUnchanged(s.kc, ref, { data: { v: b64('b') } }, { ...scope('patching'), strategy: 'merge' });
    const stale = await patchIfUnchanged(s.kc, ref, { data: { v: b64('c') } }, scope('patching again')).catch(
      (e: unknown) => e,
    );
    expect(stale).toMatchObject({ code: 'conflict' });
    expect(((stale as KubeConflictError).current as V1Secret).data?.v).toBe(b64('b'));
  });
});
