// Fetch and sync of one cluster: per-namespace lists, compared by resourceVersion, each namespace committed in one transaction.
import { AppError, isAppError } from '../../shared/errors';
import type { NamespaceReport, SyncReport } from '../../shared/ipc/sync';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { VaultService } from '../vault/service';
import { type ClusterInfo, namespaceAllowed } from './access';
import { mapLimit } from './jobs';
import type { KubeSecrets } from './kube';
import * as repo from './repo';
import { isHidden, type RawSecret, type SecretMeta } from './secret';

/** Namespaces listed at the same time. */
const CONCURRENCY = 4;
/** Above this many new or changed Secrets in a namespace, one full list beats single GETs. */
const MAX_GETS = 20;

export interface Progress {
  namespacesDone: number;
  namespacesTotal: number;
  secretsDone: number;
  secretsTotal: number;
  namespace?: string;
}

export interface RunContext {
  jobId: string;
  kind: 'fetch' | 'sync';
  trigger: 'manual' | 'schedule';
  cluster: ClusterInfo;
  kube: KubeSecrets;
  signal: AbortSignal;
  onProgress(p: Progress): void;
}

/** One namespace to work on. `names` limits it to picked Secrets (a `selected` resource). */
export interface Target {
  namespace: string;
  scope: 'namespace' | 'selected';
  names?: ReadonlySet<string>;
  showHidden: boolean;
}

interface Counts {
  added: number;
  changed: number;
  deleted: number;
  unchanged: number;
}

export class SyncEngine {
  constructor(
    private readonly vault: VaultService,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /**
   * Runs targets and returns the report. `full` says the targets are every resource of the cluster:
   * only then may a clean run record the cluster resourceVersion for the next no-change short-circuit.
   */
  async run(ctx: RunContext, targets: Target[], full: boolean): Promise<SyncReport> {
    const startedAt = this.clock.now();
    const progress: Progress = { namespacesDone: 0, namespacesTotal: targets.length, secretsDone: 0, secretsTotal: 0 };
    ctx.onProgress({ ...progress });
    const [first] = targets;
    let rv0: string | undefined;
    if (first && full) {
      try {
        rv0 = await ctx.kube.currentResourceVersion(first.namespace, ctx.signal);
      } catch (error) {
        this.log.debug({ code: (error as AppError).code }, 'no cluster resourceVersion; no short-circuit');
      }
      const known = repo.listRv(this.vault.db(), ctx.cluster.id);
      if (ctx.kind === 'sync' && rv0 && known === rv0) return this.unchanged(ctx, targets, startedAt, progress);
    }
    const reports = await mapLimit(targets, CONCURRENCY, (t) => this.namespace(ctx, t, progress));
    const report = summarize(ctx, startedAt, this.clock.now(), reports, false);
    if (full && rv0 && !report.cancelled && report.totals.failed === 0) {
      repo.setListRv(this.vault.db(), ctx.cluster.id, rv0, this.clock.now());
    }
    return report;
  }

  private unchanged(ctx: RunContext, targets: Target[], startedAt: number, progress: Progress): SyncReport {
    const db = this.vault.db();
    const now = this.clock.now();
    const reports = db.transaction(() =>
      targets.map((t): NamespaceReport => {
        const resource = repo.resourceFor(db, ctx.cluster.id, t.namespace);
        if (!resource) return nsReport(t.namespace, null, 'unchanged', zero());
        const present = [...repo.accountIndex(db, resource.id).values()].filter((a) => a.state === 'present').length;
        repo.finishResource(db, resource.id, now);
        return nsReport(t.namespace, resource.id, 'unchanged', { ...zero(), unchanged: present });
      }),
    )();
    const secrets = reports.reduce((n, r) => n + r.unchanged, 0);
    ctx.onProgress({ ...progress, namespacesDone: targets.length, secretsDone: secrets, secretsTotal: secrets });
    return { ...summarize(ctx, startedAt, this.clock.now(), reports, false), shortCircuit: true };
  }

  private async namespace(ctx: RunContext, t: Target, progress: Progress): Promise<NamespaceReport> {
    if (ctx.signal.aborted) return nsReport(t.namespace, null, 'cancelled', zero());
    if (!namespaceAllowed(ctx.cluster, t.namespace)) {
      const error = new AppError('invalid_input', `Namespace ${t.namespace} is excluded in the cluster options.`);
      return { ...nsReport(t.namespace, null, 'failed', zero()), failed: 1, error: error.toData() };
    }
    try {
      const seen = ctx.kind === 'fetch' ? await this.listFull(ctx, t) : await this.listChanged(ctx, t);
      progress.secretsTotal += seen.total;
      if (ctx.signal.aborted) return nsReport(t.namespace, null, 'cancelled', zero());
      const { resourceId, counts } = this.commit(ctx, t, seen);
      progress.namespacesDone++;
      progress.secretsDone += seen.total;
      ctx.onProgress({ ...progress, namespace: t.namespace });
      const changed = counts.added + counts.changed + counts.deleted > 0;
      return nsReport(t.namespace, resourceId, changed || ctx.kind === 'fetch' ? 'ok' : 'unchanged', counts);
    } catch (error) {
      progress.namespacesDone++;
      ctx.onProgress({ ...progress, namespace: t.namespace });
      if (isAppError(error) && error.code === 'cancelled') return nsReport(t.namespace, null, 'cancelled', zero());
      const data = isAppError(error)
        ? error.toData()
        : { code: 'internal' as const, message: 'An unexpected error stopped this namespace.' };
      if (!isAppError(error)) this.log.error({ err: error, namespace: t.namespace }, 'namespace sync failed');
      return { ...nsReport(t.namespace, null, 'failed', zero()), failed: 1, error: data };
    }
  }

  /** Fetch: the namespace's full list. */
  private async listFull(ctx: RunContext, t: Target): Promise<Seen> {
    const { items } = await ctx.kube.secrets(t.namespace, ctx.signal);
    const names = new Set(items.map((s) => s.metadata?.name ?? ''));
    return { write: items.filter((s) => wanted(t, s.metadata?.name, s.type)), names, total: items.length };
  }

  /** Sync: a metadata-only list; data only for what is new or changed (GETs, or one full list when many). */
  private async listChanged(ctx: RunContext, t: Target): Promise<Seen> {
    const meta = await ctx.kube.secretMeta(t.namespace, ctx.signal);
    const resource = repo.resourceFor(this.vault.db(), ctx.cluster.id, t.namespace);
    const index = resource ? repo.accountIndex(this.vault.db(), resource.id) : new Map();
    const todo: SecretMeta[] = [];
    for (const m of meta.items) {
      const name = m.metadata.name ?? '';
      const known = index.get(name);
      if (known) {
        if (known.resource_version !== m.metadata.resourceVersion || known.state !== 'present') todo.push(m);
      } else if (wanted(t, name, m.type)) todo.push(m);
    }
    const names = new Set(meta.items.map((m) => m.metadata.name ?? ''));
    if (todo.length === 0) return { write: [], names, total: meta.items.length };
    if (todo.length > MAX_GETS) {
      const full = await ctx.kube.secrets(t.namespace, ctx.signal);
      const want = new Set(todo.map((m) => m.metadata.name));
      const allNames = new Set(full.items.map((s) => s.metadata?.name ?? ''));
      return { write: full.items.filter((s) => want.has(s.metadata?.name)), names: allNames, total: full.items.length };
    }
    const write: RawSecret[] = [];
    for (const m of todo) {
      const secret = await ctx.kube.secret(t.namespace, m.metadata.name ?? '', ctx.signal);
      if (secret) write.push(secret);
      else names.delete(m.metadata.name ?? '');
    }
    return { write, names, total: meta.items.length };
  }

  /** One transaction per namespace: the vault never holds half a namespace. */
  private commit(ctx: RunContext, t: Target, seen: Seen): { resourceId: number; counts: Counts } {
    const db = this.vault.db();
    const now = this.clock.now();
    return db.transaction(() => {
      const resource = repo.ensureResource(db, {
        clusterId: ctx.cluster.id,
        clusterName: ctx.cluster.name,
        namespace: t.namespace,
        scope: t.scope,
        now,
      });
      const index = repo.accountIndex(db, resource.id);
      const counts = zero();
      const written = new Set<string>();
      for (const secret of seen.write) {
        const name = secret.metadata?.name ?? '';
        written.add(name);
        counts[repo.writeSecret(db, resource.id, index.get(name), secret, now)]++;
      }
      for (const account of index.values()) {
        if (written.has(account.name)) continue;
        if (!seen.names.has(account.name)) {
          if (account.state === 'present') {
            repo.markDeleted(db, account.id, now);
            counts.deleted++;
          }
        } else if (account.state === 'present') counts.unchanged++;
      }
      repo.finishResource(db, resource.id, now);
      return { resourceId: resource.id, counts };
    })();
  }
}

interface Seen {
  /** Secrets whose data to write (new or changed). */
  write: RawSecret[];
  /** Every Secret name the cluster has in the namespace. */
  names: Set<string>;
  total: number;
}

function wanted(t: Target, name: string | undefined, type: string | undefined): boolean {
  if (t.names) return t.names.has(name ?? '');
  return t.showHidden || !isHidden(type);
}

function zero(): Counts {
  return { added: 0, changed: 0, deleted: 0, unchanged: 0 };
}

function nsReport(
  namespace: string,
  resourceId: number | null,
  outcome: NamespaceReport['outcome'],
  c: Counts,
): NamespaceReport {
  return { namespace, resourceId, outcome, ...c, failed: 0 };
}

function summarize(
  ctx: RunContext,
  startedAt: number,
  finishedAt: number,
  namespaces: NamespaceReport[],
  shortCircuit: boolean,
): SyncReport {
  const totals = { added: 0, changed: 0, deleted: 0, unchanged: 0, failed: 0 };
  for (const r of namespaces) {
    totals.added += r.added;
    totals.changed += r.changed;
    totals.deleted += r.deleted;
    totals.unchanged += r.unchanged;
    totals.failed += r.failed;
  }
  return {
    jobId: ctx.jobId,
    clusterId: ctx.cluster.id,
    kind: ctx.kind,
    trigger: ctx.trigger,
    startedAt,
    finishedAt,
    cancelled: ctx.signal.aborted || namespaces.some((r) => r.outcome === 'cancelled'),
    shortCircuit,
    namespaces,
    totals,
  };
}
