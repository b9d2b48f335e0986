// Polls a token's answer until the API server refuses it: at once on the sandbox, within kube-apiserver's ~10 s token auth cache on a real one.
import { AuthenticationV1Api } from '@kubernetes/client-node';
import type { TestCluster } from './cluster';

/** The HTTP status a SelfSubjectReview made with `token` gets (200 when accepted). */
export function reviewStatus(c: TestCluster, token: string): Promise<number> {
  return c
    .kubeConfig(token)
    .makeApiClient(AuthenticationV1Api)
    .createSelfSubjectReview({ body: {} })
    .then(
      () => 200,
      (e: { code?: number }) => e.code ?? 0,
    );
}

/** The status once refused (401), or the last one seen when the wait ran out. */
export async function statusOnceRefused(c: TestCluster, token: string): Promise<number> {
  // The sandbox has no auth cache and must refuse at once.
  const deadline = Date.now() + (c.isSandbox ? 0 : 12_000);
  let code = await reviewStatus(c, token);
  while (code !== 401 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    code = await reviewStatus(c, token);
  }
  return code;
}
