// Watch streams: chunked JSON events, resume from a resourceVersion (410 when too old), bookmarks, selectors.
import type { ServerResponse } from 'node:http';
import { groupVersion } from './resources';
import type { Matcher } from './selectors';
import { type Store, type StoreEvent, tableOf } from './store';
import type { KubeObject, ResourceDef } from './types';

export interface WatchOptions {
  namespace?: string;
  match?: Matcher;
  resourceVersion?: string;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
  bookmarkIntervalMs: number;
  /** Applied to every event's object (PartialObjectMetadata for metadata-only watches). */
  transform?: (obj: KubeObject) => KubeObject;
}

function matches(obj: KubeObject | undefined, opts: WatchOptions): boolean {
  if (!obj) return false;
  if (opts.namespace && obj.metadata.namespace !== opts.namespace) return false;
  return !opts.match || opts.match(obj);
}

/** Streams events to `res` until the client goes away or the timeout passes. */
export function serveWatch(res: ServerResponse, def: ResourceDef, store: Store, opts: WatchOptions): void {
  const table = tableOf(def);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  // kube-apiserver flushes the headers at once; a client waits for them before it reads any event.
  res.flushHeaders();
  const shape = opts.transform;
  const send = (type: string, object: KubeObject) =>
    res.write(`${JSON.stringify({ type, object: shape && type !== 'ERROR' ? shape(object) : object })}\n`);
  const bookmark = (initialEnd = false) =>
    send('BOOKMARK', {
      kind: def.kind,
      apiVersion: groupVersion(def),
      metadata: {
        resourceVersion: String(store.resourceVersion),
        ...(initialEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
      },
    });
  const rv = opts.resourceVersion;
  if (!rv || rv === '0' || opts.sendInitialEvents) {
    for (const entry of store.sorted(table)) if (matches(entry.object, opts)) send('ADDED', entry.object);
    if (opts.sendInitialEvents && opts.allowBookmarks) bookmark(true);
  } else {
    const missed = store.eventsSince(table, Number(rv));
    if (!missed) {
      send('ERROR', {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${rv} (${store.oldestResumableRv})`,
        reason: 'Expired',
        code: 410,
      });
      res.end();
      return;
    }
    for (const e of missed) deliver(e);
  }

  function deliver(e: StoreEvent): void {
    const now = matches(e.object, opts);
    const before = e.type === 'MODIFIED' && matches(e.previous, opts);
    if (e.type === 'MODIFIED' && before && !now) send('DELETED', e.object);
    else if (e.type === 'MODIFIED' && !before && now) send('ADDED', e.object);
    else if (now) send(e.type, e.object);
  }

  const unsubscribe = store.subscribe((e) => {
    if (e.table === table) deliver(e);
  });
  const timers: NodeJS.Timeout[] = [];
  if (opts.allowBookmarks) timers.push(setInterval(() => bookmark(), opts.bookmarkIntervalMs));
  const timeoutMs = (opts.timeoutSeconds ?? 1800) * 1000;
  timers.push(setTimeout(() => res.end(), timeoutMs));
  const stop = () => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
  };
  res.on('close', stop);
}
