// TokenRequest: a short-lived, audience-bound token for a ServiceAccount, as `kubectl create token` asks for one.
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { kubeError } from './api-error';
import { timeoutOptions } from './request-options';

export interface TokenRequestOptions {
  /** Lifetime asked for; the server may shorten it (kube-apiserver's minimum is 600 s). */
  expirationSeconds: number;
  /** Who may accept the token; default the API server's own audiences. */
  audiences?: string[];
  timeoutMs: number;
  cluster?: string;
  /** An object in the ServiceAccount's namespace whose deletion revokes the token at once. */
  boundObjectRef?: { kind: 'Secret'; apiVersion: 'v1'; name: string; uid: string };
}

/** A token issued by the API server. Keep it in memory only; never log it. */
export interface IssuedToken {
  token: string;
  /** When the server says it expires (ms since the epoch). */
  expiresAt: number;
}

export async function requestToken(
  kc: KubeConfig,
  serviceAccount: { namespace: string; name: string },
  o: TokenRequestOptions,
): Promise<IssuedToken> {
  const api = kc.makeApiClient(CoreV1Api);
  const what = `requesting a token for ServiceAccount ${serviceAccount.namespace}/${serviceAccount.name}`;
  try {
    const answer = await api.createNamespacedServiceAccountToken(
      {
        namespace: serviceAccount.namespace,
        name: serviceAccount.name,
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: {
            expirationSeconds: o.expirationSeconds,
            audiences: o.audiences ?? [],
            ...(o.boundObjectRef ? { boundObjectRef: o.boundObjectRef } : {}),
          },
        },
      },
      timeoutOptions(o.timeoutMs),
    );
    const token = answer.status?.token;
    const expires = answer.status?.expirationTimestamp;
    if (token && expires) return { token, expiresAt: new Date(expires).getTime() };
  } catch (error) {
    throw kubeError(error, what, { cluster: o.cluster });
  }
  throw new Error('the TokenRequest answer holds no token'); // a server bug, not the user's
}
