// Mints a short-lived ServiceAccount token with TokenRequest, using the cluster's stored (Strongroom) identity.
import { AuthenticationV1Api } from '@kubernetes/client-node';
import { AppError, isAppError } from '../../shared/errors';
import { httpStatus } from '../kube/api-error';
import { type KubeTarget, kubeConfigFor, makeClient } from '../kube/connection';
import { timeoutOptions } from '../kube/request-options';
import { requestToken } from '../kube/token-request';

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
  boundObjectRef?: { kind: 'Secret'; apiVersion: 'v1'; name: string; uid: string },
): Promise<MintedToken> {
  const who = `${account.namespace}/${account.serviceAccount}`;
  try {
    const issued = await requestToken(
      kubeConfigFor(target),
      { namespace: account.namespace, name: account.serviceAccount },
      {
        expirationSeconds: Math.max(MIN_TOKEN_SECONDS, Math.ceil(ttlMs / 1000)),
        timeoutMs: target.timeoutMs,
        ...(boundObjectRef ? { boundObjectRef } : {}),
      },
    );
    return { ...issued, identity: `system:serviceaccount:${account.namespace}:${account.serviceAccount}` };
  } catch (error) {
    if (isAppError(error) && error.code === 'forbidden')
      throw new AppError(
        'forbidden',
        `Strongroom's account may not mint tokens for ${who}.`,
        'Apply the setup YAML made with --access-accounts (it allows serviceaccounts/token for exactly those accounts).',
      );
    if (isAppError(error) && error.code === 'not_found')
      throw new AppError(
        'not_found',
        `The ServiceAccount ${who} does not exist on the cluster.`,
        'Apply the setup YAML made with --access-accounts, or add the account with its real namespace/name.',
      );
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
