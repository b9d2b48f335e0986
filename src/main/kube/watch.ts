// Watch with resume: events since a resourceVersion, bookmarks that move the cursor, and 410 reported so the caller re-lists.
import { type KubeConfig, Watch } from '@kubernetes/client-node';
import { AppError } from '../../shared/errors';
import { httpStatus, kubeError } from './api-error';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchFromOptions<T> {
  /** Resume after this version: only changes made after it are delivered. */
  resourceVersion: string;
  signal: AbortSignal;
  /** Connect timeout, then the longest silence before the watch counts as broken. */
  timeoutMs: number;
  /**
   * Stop once the stream has been quiet this long after connecting: the server sends what it already has
   * (the backlog since `resourceVersion`) at once, so a quiet stream means the caller has caught up.
   * Undefined: watch until the signal aborts or the server ends the stream.
   */
  idleMs?: number;
  /** What is watched, for errors: "watching Secrets in all namespaces". */
  what: string;
  cluster?: string;
  /** Extra query parameters (labelSelector, fieldSelector, timeoutSeconds). */
  query?: Record<string, string | number>;
  onEvent(type: WatchEventType, object: T): void;
}

export interface WatchResult {
  /**
   * The newest version delivered (an event's or a bookmark's), or the starting one when nothing came: resuming
   * from it later misses nothing, because a watch delivers events in resourceVersion order.
   */
  resourceVersion: string;
  /** The starting version was too old to resume from (410 Gone): list again, then watch from the list's version. */
  expired: boolean;
  /** Events delivered (bookmarks not counted). */
  events: number;
}

interface Versioned {
  metadata?: { resourceVersion?: string };
  code?: number;
}

/** Watches `path` (such as `/api/v1/secrets`) from a resourceVersion, with bookmarks; see WatchFromOptions. */
export function watchFrom<T>(kc: KubeConfig, path: string, o: WatchFromOptions<T>): Promise<WatchResult> {
  let cursor = o.resourceVersion;
  let events = 0;
  return new Promise<WatchResult>((resolve, reject) => {
    let controller: AbortController | undefined;
    let idle: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (outcome: { expired: boolean } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      o.signal.removeEventListener('abort', onAbort);
      controller?.abort();
      if ('error' in outcome) reject(outcome.error);
      else resolve({ resourceVersion: cursor, expired: outcome.expired, events });
    };
    const arm = () => {
      if (o.idleMs === undefined || settled) return;
      clearTimeout(idle);
      idle = setTimeout(() => finish({ expired: false }), o.idleMs);
    };
    const onAbort = () => finish({ error: new AppError('cancelled', `${o.what} was cancelled.`) });
    if (o.signal.aborted) return onAbort();
    o.signal.addEventListener('abort', onAbort, { once: true });
    const failed = (error: unknown) => {
      if (httpStatus(error) === 410) finish({ expired: true });
      else finish({ error: kubeError(error, o.what, { cluster: o.cluster }) });
    };

    const watch = new Watch(kc);
    // Its connect-then-silence timeout (client-node's default is 30 s) follows the cluster's request timeout.
    Object.assign(watch, { requestTimeoutMs: o.timeoutMs });
    const query = { ...o.query, resourceVersion: o.resourceVersion, allowWatchBookmarks: true };
    const onLine = (type: string, object: T & Versioned) => {
      if (settled) return;
      if (type !== 'BOOKMARK') arm(); // bookmarks are heartbeats, not backlog: they do not keep the watch open
      if (type === 'ERROR') {
        // A Status object: 410 Expired when the version has been compacted away.
        return failed({ code: object.code, body: object });
      }
      const rv = object?.metadata?.resourceVersion;
      if (type !== 'BOOKMARK') {
        events++;
        try {
          o.onEvent(type as WatchEventType, object);
        } catch (error) {
          return finish({ error });
        }
      }
      if (rv) cursor = rv;
    };
    const done = (error: unknown) => {
      if (error) failed(error);
      else finish({ expired: false }); // the server ended the stream (its timeout): all it sent is applied
    };
    watch.watch(path, query, onLine, done).then(
      (c) => {
        controller = c;
        if (settled) c.abort();
        else arm(); // connected: the backlog follows at once
      },
      (error: unknown) => failed(error),
    );
  });
}
