// The per-session Secret a session token is bound to: created at start, deleted at end, so the token dies with the session.
import { CoreV1Api } from '@kubernetes/client-node';
import { httpStatus, statusMessage } from '../kube/api-error';
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
            annotations: { 'strongroom.io/session': sessionId },
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
        ? "no bound object: Strongroom's account may not create Secrets here (re-apply the setup YAML); the token lives until it expires"
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
