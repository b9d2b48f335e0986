// Sidecar mode: keeps the files current by watching the Secrets (re-list on 410, bookmarks) or by reading them on an interval.
import type { AgentConfig } from './config';
import type { Delivery } from './delivery';
import type { InClusterClient, WatchEvent } from './kube';
import type { AgentLog } from './log';
import { explain, readAll } from './secrets';

const WATCH_TIMEOUT_S = 300;
const MAX_BACKOFF_MS = 30_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/** The resource a watch covers: one Secret by name (fieldSelector, which RBAC checks against resourceNames) or a selector. */
type Scope = { name: string; query: Record<string, string> } | { name?: undefined; query: Record<string, string> };

class ResourceVersionGone extends Error {}

async function watchScope(
  client: InClusterClient,
  delivery: Delivery,
  scope: Scope,
  log: AgentLog,
  signal: AbortSignal,
): Promise<void> {
  let backoff = 1000;
  while (!signal.aborted) {
    try {
      const list = await client.listSecrets(scope.query);
      if (scope.name) {
        const found = list.items[0];
        if (found) delivery.upsert(found);
        else {
          delivery.markMissing(scope.name);
          log.error('secret missing', { secret: scope.name });
        }
      } else delivery.replaceAll(list.items);
      await delivery.flush();
      let rv = list.resourceVersion;
      backoff = 1000;
      // Follow the stream; when the server closes it, resume from the last version seen (bookmarks keep it fresh).
      while (!signal.aborted) {
        let pending: Promise<unknown> = Promise.resolve();
        const onEvent = (e: WatchEvent) => {
          if (e.type === 'ERROR') {
            if (e.object.code === 410) throw new ResourceVersionGone();
            throw new Error(`watch error ${e.object.code ?? ''} ${e.object.reason ?? ''}`.trim());
          }
          if (e.object.metadata?.resourceVersion) rv = e.object.metadata.resourceVersion;
          if (e.type === 'BOOKMARK') return;
          const name = e.object.metadata.name;
          if (e.type === 'DELETED') {
            if (scope.name) delivery.markMissing(name);
            else delivery.remove(name);
            log.warn('secret deleted', { secret: name });
          } else delivery.upsert(e.object);
          log.debug('secret event', { secret: name, type: e.type });
          pending = pending.then(() => delivery.flush());
        };
        await client.watchSecrets(
          { ...scope.query, resourceVersion: rv, timeoutSeconds: String(WATCH_TIMEOUT_S) },
          onEvent,
          signal,
        );
        await pending;
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ResourceVersionGone) {
        log.info('watch expired (410), listing again', { secret: scope.name });
        continue;
      }
      const reason = explain(error, client.namespace, scope.name).message;
      delivery.failed(reason);
      log.error('refresh failed', { secret: scope.name, reason, retryInMs: backoff });
      await sleep(backoff, signal);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }
}

async function pollAll(
  client: InClusterClient,
  delivery: Delivery,
  config: AgentConfig,
  log: AgentLog,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      delivery.replaceAll(await readAll(client, config.source));
      await delivery.flush();
    } catch (error) {
      delivery.failed((error as Error).message);
      log.error('refresh failed', { reason: (error as Error).message });
    }
    await sleep(config.refresh as number, signal);
  }
}

/** Runs until `signal` aborts. */
export async function runSidecar(
  client: InClusterClient,
  delivery: Delivery,
  config: AgentConfig,
  log: AgentLog,
  signal: AbortSignal,
): Promise<void> {
  if (config.refresh !== 'watch') return pollAll(client, delivery, config, log, signal);
  const scopes: Scope[] =
    config.source.kind === 'names'
      ? config.source.names.map((name) => ({ name, query: { fieldSelector: `metadata.name=${name}` } }))
      : [{ query: { labelSelector: config.source.selector } }];
  await Promise.all(scopes.map((scope) => watchScope(client, delivery, scope, log, signal)));
}
