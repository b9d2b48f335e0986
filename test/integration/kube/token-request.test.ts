// TokenRequest: a short-lived token for a ServiceAccount, with the lifetime and audiences asked for, that the API server accepts.
import { AuthenticationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeConfigFor } from '../../../src/main/kube/connection';
import { requestToken } from '../../../src/main/kube/token-request';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { type Scratch, scratchNamespace } from './support';

let cluster: TestCluster;
let s: Scratch;

beforeAll(async () => {
  cluster = await getTestCluster();
  s = await scratchNamespace(cluster, 'kube-token');
  await s.core.createNamespacedServiceAccount({ namespace: s.namespace, body: { metadata: { name: 'runner' } } });
});

afterAll(async () => {
  await s?.dispose();
  await cluster?.close();
});

describe('requestToken', () => {
  it('issues a token that authenticates as the ServiceAccount and expires when asked', async () => {
    const before = Date.now();
    const issued = await requestToken(
      s.kc,
      { namespace: s.namespace, name: 'runner' },
      { expirationSeconds: 900, timeoutMs: 20_000 },
    );
    expect(issued.expiresAt).toBeGreaterThan(before + 840_000);
    expect(issued.expiresAt).toBeLessThan(Date.now() + 960_000);
    const as = kubeConfigFor({ ...s.spec, token: issued.token }).makeApiClient(AuthenticationV1Api);
    const review = await as.createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    expect(review.status?.userInfo?.username).toBe(`system:serviceaccount:${s.namespace}:runner`);
  });

  it('binds the token to the audiences asked for', async () => {
    const issued = await requestToken(
      s.kc,
      { namespace: s.namespace, name: 'runner' },
      { expirationSeconds: 900, audiences: ['strongroom-test'], timeoutMs: 20_000 },
    );
    const payload = JSON.parse(Buffer.from(issued.token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      aud?: string[];
    };
    expect(payload.aud).toEqual(['strongroom-test']);
  });

  it('reports a missing ServiceAccount as not found, without the token in the message', async () => {
    const error = await requestToken(
      s.kc,
      { namespace: s.namespace, name: 'nobody' },
      { expirationSeconds: 900, timeoutMs: 20_000, cluster: 'test' },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not_found', status: 404, cluster: 'test' });
  });
});
