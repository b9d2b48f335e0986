// Sync by resuming a watch from the last sync's resourceVersion: only the Secrets that changed since are read and written.
import { isAppError } from '../../shared/errors';
import type { NamespaceReport } from '../../shared/ipc/sync';
import type { RawSecret } from '../kube/secret-types';
import type { WatchEventType } from '../kube/watch';
import type { Logger } from '../log';
import * as repo from '../resources/repo';
import type { WritableDB } from '../vault/db';
import { type RunContext, type Target, wanted } from './run-context';
import { type Counts, nsReport, zero } from './sync-report';

/** Per namespace, the last event seen for each Secret name. */
type Changes = Map<string, Map<string, { type: WatchEventType; secret: RawSecret }>>;

export interface Resumed {
  reports: NamespaceReport[];
  /** Where the next sync resumes: the newest version the watch delivered. */
  resourceVersion: string;
}

/**
 * How long a quiet stream means "caught up": the server sends the backlog since the version at once, so
 * a few round trips of silence after connecting is enough. A change that arrives later is not lost: the
 * cursor only moves to versions actually delivered, so the next sync picks it up.
 */
export function idleFor(roundTripMs: number): number {
  return Math.min(1_000, Math.max(30, Math.round(2 * roundTripMs) + 20));
}

/**
 * Resumes a cluster-wide Secret watch from `cursor`, applies what it delivers to the targets' resources in
 * one transaction, and marks every target synced (one row each). Returns undefined when the caller must
 * list instead: the version is too old (410), or the account may not watch all namespaces.
 */
export async function syncFromWatch(
  db: WritableDB,
  log: Logger,
  ctx: RunContext,
  targets: Target[],
  cursor: string,
  timing: { idleMs: number; now: () => number },
): Promise<Resumed | undefined> {
  const byNs = new Map(targets.map((t) => [t.namespace, t]));
  const changes: Changes = new Map();
  let result: Awaited<ReturnType<RunContext['kube']['watchSince']>>;
  try {
    result = await ctx.kube.watchSince(
      cursor,
      ctx.signal,
      (type, secret) => {
        const ns = secret.metadata?.namespace ?? '';
        if (!byNs.has(ns)) return;
        const inNs = changes.get(ns) ?? new Map();
        changes.set(ns, inNs);
        inNs.set(secret.metadata?.name ?? '', { type, secret });
      },
      { idleMs: timing.idleMs },
    );
  } catch (error) {
    if (isAppError(error) && error.code === 'cancelled') throw error;
    log.info({ code: isAppError(error) ? error.code : 'internal' }, 'watch failed; listing instead');
    return undefined;
  }
  if (result.expired) {
    log.info('the last sync is too old to resume a watch from; listing instead');
    return undefined;
  }
  const now = timing.now();
  const reports = db.transaction(() => {
    const applied = targets.map((t) => ({ t, ...apply(db, ctx, t, changes.get(t.namespace), now) }));
    const present = repo.presentCounts(db, ctx.cluster.id);
    const written = applied.map(({ t, resourceId, counts }) => {
      counts.unchanged = (present.get(resourceId) ?? 0) - counts.added - counts.changed;
      const changed = counts.added + counts.changed + counts.deleted > 0;
      return nsReport(t.namespace, resourceId, changed ? 'ok' : 'unchanged', counts);
    });
    ctx.audit.committed(written); // in the same transaction, as every batch the engine commits
    return written;
  })();
  log.debug({ events: result.events }, 'sync resumed from a watch');
  return { reports, resourceVersion: result.resourceVersion };
}

/** Writes one namespace's changes (if any) and marks its resource synced. */
function apply(
  db: WritableDB,
  ctx: RunContext,
  t: Target,
  changes: Map<string, { type: WatchEventType; secret: RawSecret }> | undefined,
  now: number,
): { resourceId: number; counts: Counts } {
  const resource = repo.ensureResource(db, {
    clusterId: ctx.cluster.id,
    clusterName: ctx.cluster.name,
    namespace: t.namespace,
    scope: t.scope,
    now,
  });
  const counts = zero();
  if (changes) {
    const index = repo.accountIndex(db, resource.id);
    const write: RawSecret[] = [];
    for (const [name, { type, secret }] of changes) {
      const known = index.get(name);
      if (type === 'DELETED') {
        if (known?.state === 'present') {
          repo.markDeleted(db, known.id, now);
          counts.deleted++;
        }
      } else if (known || wanted(t, name, secret.type)) write.push(secret);
    }
    for (const outcome of repo.writeSecrets(db, resource.id, index, write, now)) {
      if (outcome !== 'unchanged') counts[outcome]++;
    }
  }
  repo.finishResource(db, resource.id, now);
  return { resourceId: resource.id, counts };
}
