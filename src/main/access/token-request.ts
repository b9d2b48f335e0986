// Mints a short-lived ServiceAccount token with TokenRequest, using the cluster's stored (Strongroom) identity.
import { AuthenticationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { AppError } from '../../shared/errors';
import { httpStatus, type KubeTarget, makeClient, statusMessage, timeoutOptions } from '../clusters/kube-client';

/** kube-apiserver refuses TokenRequests shorter than 10 minutes; shorter sessions are cut by the proxy. */
export const MIN_TOKEN_SECONDS = 600;

export interface MintedToken {
  token: string;
  expiresAt: number;
  /** The username the API server gives this token. */
  identity: string;
}

export async function mintToken(
  target: KubeTarget,
  account: { namespace: string; serviceAccount: string },
  ttlMs: number,
): Promise<MintedToken> {
  const api = makeClient(target, CoreV1Api);
  const expirationSeconds = Math.max(MIN_TOKEN_SECONDS, Math.ceil(ttlMs / 1000));
  const who = `${account.namespace}/${account.serviceAccount}`;
  try {
    const res = await api.createNamespacedServiceAccountToken(
      {
        name: account.serviceAccount,
        namespace: account.namespace,
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: { audiences: [], expirationSeconds },
        },
      },
      timeoutOptions(target.timeoutMs),
    );
    const token = res.status?.token;
    if (!token) throw new AppError('internal', `The API server returned no token for ${who}.`);
    const expiry = res.status?.expirationTimestamp;
    return {
      token,
      expiresAt: expiry ? new Date(expiry).getTime() : Date.now() + expirationSeconds * 1000,
      identity: `system:serviceaccount:${account.namespace}:${account.serviceAccount}`,
    };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 403)
      throw new AppError(
        'forbidden',
        `Strongroom's account may not mint tokens for ${who}.`,
        'Apply the setup YAML made with --access-accounts (it allows serviceaccounts/token for exactly those accounts).',
      );
    if (status === 404)
      throw new AppError(
        'not_found',
        `The ServiceAccount ${who} does not exist on the cluster.`,
        'Apply the setup YAML made with --access-accounts, or add the account with its real namespace/name.',
      );
    if (status !== undefined)
      throw new AppError('internal', `TokenRequest for ${who} failed (${status}): ${statusMessage(error) ?? ''}`);
    throw error;
  }
}

/**
 * The namespace of Strongroom's own ServiceAccount, where the setup YAML put the built-in access
 * accounts; `fallback` when the stored identity is not a ServiceAccount.
 */
export async function ownNamespace(target: KubeTarget, fallback: string): Promise<string> {
  const api = makeClient(target, AuthenticationV1Api);
  try {
    const review = await api.createSelfSubjectReview(
      { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } },
      timeoutOptions(target.timeoutMs),
    );
    const match = /^system:serviceaccount:([^:]+):/.exec(review.status?.userInfo?.username ?? '');
    return match?.[1] ?? fallback;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 401)
      throw new AppError(
        'unauthorized',
        "The cluster refused Strongroom's stored token.",
        'Test the cluster connection, and replace the token if it was revoked.',
      );
    if (status !== undefined) return fallback;
    throw error;
  }
}
