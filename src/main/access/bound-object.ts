// The per-session Secret a session token is bound to: created at start, deleted at end, so the token dies with the session.
import { CoreV1Api } from '@kubernetes/client-node';
import { AppError } from '../../shared/errors';
import { httpStatus, kubeError, statusMessage } from '../kube/api-error';
import { type KubeTarget, makeClient } from '../kube/connection';
import { timeoutOptions } from '../kube/request-options';
import type { Logger } from '../log';

/** What the token's `boundObjectRef` names. */
export interface BoundObject {
  kind: 'Secret';
  apiVersion: 'v1';
  name: string;
  namespace: string;
  uid: string;
}

export function boundObjectName(sessionId: string): string {
  return `strongroom-session-${sessionId}`;
}

/** The annotation that ties a bound Secret to its session. */
const SESSION_ANNOTATION = 'strongroom.io/session';

/**
 * Creates the session's Secret (no data) with Strongroom's own identity. Where that identity may not
 * create it (an older setup YAML, a custom account in another namespace), the session goes on
 * without a bound object and the log says why: its token then lives until it expires.
 */
export async function createBoundObject(
  target: KubeTarget,
  namespace: string,
  sessionId: string,
  log: Logger,
): Promise<BoundObject | undefined> {
  const name = boundObjectName(sessionId);
  try {
    const created = await makeClient(target, CoreV1Api).createNamespacedSecret(
      {
        namespace,
        body: {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'Opaque',
          metadata: {
            name,
            labels: { 'app.kubernetes.io/managed-by': 'strongroom' },
            annotations: { [SESSION_ANNOTATION]: sessionId },
          },
        },
      },
      timeoutOptions(target.timeoutMs),
    );
    const uid = created.metadata?.uid;
    if (!uid) throw new Error('the created Secret has no uid'); // a server bug
    return { kind: 'Secret', apiVersion: 'v1', name, namespace, uid };
  } catch (error) {
    const status = httpStatus(error);
    if (status === undefined) throw error;
    log.warn(
      { status, namespace, why: statusMessage(error) },
      status === 403
        ? "no bound object: Strongroom's account may not create Secrets here (setup-yaml --session-secrets allows it); the token lives until it expires"
        : 'no bound object: the Secret could not be created; the token lives until it expires',
    );
    return undefined;
  }
}

/** Deletes the session's Secret; the API server then refuses the token (a real one after its ~10 s auth cache). */
export async function deleteBoundObject(target: KubeTarget, object: BoundObject, log: Logger): Promise<boolean> {
  try {
    await makeClient(target, CoreV1Api).deleteNamespacedSecret(
      { namespace: object.namespace, name: object.name, body: { preconditions: { uid: object.uid } } },
      timeoutOptions(target.timeoutMs),
    );
    return true;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) return true;
    log.warn(
      {
        status,
        namespace: object.namespace,
        name: object.name,
        why: status ? statusMessage(error) : (error as Error).message,
      },
      'the bound object could not be deleted; the session token lives until it expires',
    );
    return false;
  }
}

/**
 * The Secret of a session whose process died: the session row keeps no uid, so it is found by name, must
 * carry that session's annotation, and is deleted with its uid as precondition. Resolves false when there
 * is none (the session ran unbound, or the Secret is gone already); a refusal throws an AppError.
 */
export async function deleteOrphanedBoundObject(
  target: KubeTarget,
  namespace: string,
  sessionId: string,
): Promise<boolean> {
  const api = makeClient(target, CoreV1Api);
  const name = boundObjectName(sessionId);
  try {
    const found = await api.readNamespacedSecret({ namespace, name }, timeoutOptions(target.timeoutMs));
    const uid = found.metadata?.uid;
    if (found.metadata?.annotations?.[SESSION_ANNOTATION] !== sessionId || !uid) return false;
    await api.deleteNamespacedSecret(
      { namespace, name, body: { preconditions: { uid } } },
      timeoutOptions(target.timeoutMs),
    );
    return true;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) return false;
    if (status === 403)
      throw new AppError(
        'forbidden',
        `Strongroom may not delete the session Secret ${namespace}/${name}; its token lives until it expires.`,
        `Apply the setup YAML made with --session-secrets (its Role lets Strongroom delete session Secrets in its namespace), or run: kubectl delete secret -n ${namespace} ${name}`,
      );
    throw kubeError(error, `deleting the session Secret ${namespace}/${name}`);
  }
}
