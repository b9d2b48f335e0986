// Fetch and sync of one cluster: per-namespace lists, compared by resourceVersion, each namespace committed in one transaction.
import { AppError, isAppError } from '../../shared/errors';
import type { NamespaceReport, SyncReport } from '../../shared/ipc/sync';
import type { Clock } from '../clock';
import type { RawSecret, SecretMeta } from '../kube/secret-types';
import type { Logger } from '../log';
import * as repo from '../resources/repo';
import { looksHidden } from '../resources/secret';
import type { VaultService } from '../vault/service';
import { namespaceAllowed } from './access';
import { bulkWriteSettings, rollbackJournal } from './bulk';
import { mapLimit } from './jobs';
import { idleFor, type Resumed, syncFromWatch } from './resume';
import { type Progress, type RunContext, type Target, wanted } from './run-context';
import { type Counts, nsReport, summarize, zero } from './sync-report';

/** Namespaces listed at the same time. */
const CONCURRENCY = 4;
/** Above this many new or changed Secrets in a namespace, one full list beats single GETs. */
const MAX_GETS = 20;
/** Secrets of finished namespaces written in one commit during a cluster-wide fetch. */
const BATCH_SECRETS = 2000;
/** From this many namespaces on, one cluster-wide paged list beats a list per namespace. */
const WIDE_MIN = 20;

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
    const wide = targets.length >= WIDE_MIN || (full && targets.length > 1);
    let rv0: string | undefined;
    if (first && full && (ctx.kind === 'sync' || !wide)) {
      const probeStart = performance.now();
      rv0 = await this.currentRv(ctx, first.namespace);
      const roundTripMs = performance.now() - probeStart;
      const known = repo.listRv(this.vault.db(), ctx.cluster.id);
      if (ctx.kind === 'sync' && rv0 && known === rv0) return this.unchanged(ctx, targets, startedAt, progress);
      // A busy cluster's version moves with no Secret changed: resume a watch rather than list everything.
      if (ctx.kind === 'sync' && rv0 && known && targets.every((t) => namespaceAllowed(ctx.cluster, t.namespace))) {
        const resumed = await this.resumed(ctx, targets, known, idleFor(roundTripMs), startedAt, progress);
        if (resumed) return resumed;
      }
    }
    const reports = new Map<string, NamespaceReport>();
    const restore = bulkWriteSettings(this.vault);
    try {
      await this.passes(ctx, targets, progress, reports, wide, (rv) => {
        rv0 ??= rv;
      });
    } finally {
      restore();
    }
    const ordered = targets.map((t) => reports.get(t.namespace) as NamespaceReport);
    const report = summarize(ctx, startedAt, this.clock.now(), ordered);
    if (full && rv0 && !report.cancelled && report.totals.failed === 0) {
      repo.setListRv(this.vault.db(), ctx.cluster.id, rv0, this.clock.now());
    }
    return report;
  }

  /** The cluster-wide pass when it pays, then namespace by namespace for whatever it did not cover. */
  private async passes(
    ctx: RunContext,
    targets: Target[],
    progress: Progress,
    reports: Map<string, NamespaceReport>,
    wide: boolean,
    listed: (rv: string) => void,
  ): Promise<void> {
    if (wide) {
      try {
        listed(await this.wide(ctx, targets, progress, reports));
      } catch (error) {
        // Without cluster-wide rights (or after a failure mid-list), the rest goes namespace by namespace.
        if (isAppError(error) && error.code === 'cancelled') throw error;
        this.log.info({ code: isAppError(error) ? error.code : 'internal' }, 'cluster-wide list failed; per namespace');
      }
    }
    const rest = targets.filter((t) => !reports.has(t.namespace));
    const done = await mapLimit(rest, CONCURRENCY, (t) => this.namespace(ctx, t, progress));
    for (const r of done) reports.set(r.namespace, r);
  }

  private async currentRv(ctx: RunContext, namespace: string): Promise<string | undefined> {
    try {
      return await ctx.kube.currentResourceVersion(namespace, ctx.signal);
    } catch (error) {
      this.log.debug({ code: (error as AppError).code }, 'no cluster resourceVersion; no short-circuit');
      return undefined;
    }
  }

  /**
   * One paged list across all namespaces instead of one per namespace: fetch commits each namespace
   * as soon as the list has moved past it; sync reads metadata only. Returns the list's resourceVersion.
   */
  private async wide(
    ctx: RunContext,
    targets: Target[],
    progress: Progress,
    reports: Map<string, NamespaceReport>,
  ): Promise<string> {
    const byNs = new Map(
      targets.filter((t) => namespaceAllowed(ctx.cluster, t.namespace)).map((t) => [t.namespace, t]),
    );
    if (ctx.kind === 'sync') {
      const { items, resourceVersion } = await ctx.kube.secretMeta(undefined, ctx.signal);
      progress.secretsTotal = items.length;
      const grouped = new Map<string, SecretMeta[]>();
      for (const m of items) {
        const ns = m.metadata.namespace ?? '';
        if (byNs.has(ns)) grouped.set(ns, [...(grouped.get(ns) ?? []), m]);
      }
      const out = await mapLimit([...byNs.values()], CONCURRENCY, (t) =>
        this.namespace(ctx, t, progress, grouped.get(t.namespace) ?? []),
      );
      for (const r of out) reports.set(r.namespace, r);
      return resourceVersion;
    }
    const restoreJournal = rollbackJournal(this.vault, this.log);
    try {
      return await this.wideFetch(ctx, byNs, progress, reports);
    } finally {
      restoreJournal();
    }
  }

  /** The cluster-wide list of a fetch: namespaces the list has moved past are written in batches. */
  private async wideFetch(
    ctx: RunContext,
    byNs: Map<string, Target>,
    progress: Progress,
    reports: Map<string, NamespaceReport>,
  ): Promise<string> {
    let firstRv: string | undefined;
    let current: string | undefined;
    let buffer: RawSecret[] = [];
    // Namespaces the list has moved past, waiting to be written together: one commit for several
    // namespaces costs far less than one each, and each still lands whole or not at all.
    let pending: { t: Target; items: RawSecret[] }[] = [];
    let pendingSecrets = 0;
    const flush = () => {
      const t = current === undefined ? undefined : byNs.get(current);
      if (t && !reports.has(t.namespace) && !pending.some((p) => p.t === t)) {
        pending.push({ t, items: buffer });
        pendingSecrets += buffer.length;
      }
      buffer = [];
    };
    const commitPending = () => {
      const batch = pending;
      pending = [];
      pendingSecrets = 0;
      if (batch.length === 0) return;
      const written = this.commitBatch(ctx, () =>
        batch.map(({ t, items }) => this.commitListed(ctx, t, progress, items)),
      );
      for (const report of written) reports.set(report.namespace, report);
    };
    await ctx.kube.eachSecretPage(
      ctx.signal,
      (items, remaining, rv) => {
        firstRv ??= rv;
        if (progress.secretsTotal === 0) progress.secretsTotal = items.length + (remaining ?? 0);
        for (const item of items) {
          const ns = item.metadata?.namespace ?? '';
          if (ns !== current) {
            flush();
            current = ns;
          }
          if (byNs.has(ns)) buffer.push(item);
        }
        if (pendingSecrets >= BATCH_SECRETS) commitPending();
      },
      () => {
        // The list restarts from scratch (410): what it had not committed yet is listed again.
        buffer = [];
        pending = [];
        pendingSecrets = 0;
        current = undefined;
      },
    );
    flush();
    commitPending();
    // Namespaces with no Secret at all never appeared in the list.
    const empty = [...byNs.values()].filter((t) => !reports.has(t.namespace));
    for (const r of this.commitBatch(ctx, () => empty.map((t) => this.commitListed(ctx, t, progress, [])))) {
      reports.set(r.namespace, r);
    }
    return firstRv ?? '';
  }

  private commitListed(ctx: RunContext, t: Target, progress: Progress, items: RawSecret[]): NamespaceReport {
    const names = new Set(items.map((s) => s.metadata?.name ?? ''));
    const seen: Seen = { write: items.filter((s) => wanted(t, s.metadata?.name, s.type)), names, total: items.length };
    const { resourceId, counts } = this.write(ctx, t, seen);
    progress.namespacesDone++;
    progress.secretsDone += items.length;
    ctx.onProgress({ ...progress, namespace: t.namespace });
    return nsReport(t.namespace, resourceId, 'ok', counts);
  }

  /** Sync from a watch resumed at `cursor`; undefined when the engine must list instead (see syncFromWatch). */
  private async resumed(
    ctx: RunContext,
    targets: Target[],
    cursor: string,
    idleMs: number,
    startedAt: number,
    progress: Progress,
  ): Promise<SyncReport | undefined> {
    let resumed: Resumed | undefined;
    try {
      resumed = await syncFromWatch(this.vault.db(), this.log, ctx, targets, cursor, {
        idleMs,
        now: () => this.clock.now(),
      });
    } catch (error) {
      if (!(isAppError(error) && error.code === 'cancelled')) throw error;
      const cancelled = targets.map((t) => nsReport(t.namespace, null, 'cancelled', zero()));
      return { ...summarize(ctx, startedAt, this.clock.now(), cancelled), via: 'watch' };
    }
    if (!resumed) return undefined;
    const secrets = resumed.reports.reduce((n, r) => n + r.added + r.changed + r.unchanged, 0);
    ctx.onProgress({ ...progress, namespacesDone: targets.length, secretsDone: secrets, secretsTotal: secrets });
    repo.setListRv(this.vault.db(), ctx.cluster.id, resumed.resourceVersion, this.clock.now());
    return { ...summarize(ctx, startedAt, this.clock.now(), resumed.reports), via: 'watch' };
  }

  /** The cluster has not changed since the last full sync: report from the vault, touching only resources. */
  private unchanged(ctx: RunContext, targets: Target[], startedAt: number, progress: Progress): SyncReport {
    const db = this.vault.db();
    const now = this.clock.now();
    const present = repo.presentCounts(db, ctx.cluster.id);
    const reports = db.transaction(() =>
      targets.map((t): NamespaceReport => {
        const resource = repo.resourceFor(db, ctx.cluster.id, t.namespace);
        if (!resource) return nsReport(t.namespace, null, 'unchanged', zero());
        repo.finishResource(db, resource.id, now);
        return nsReport(t.namespace, resource.id, 'unchanged', { ...zero(), unchanged: present.get(resource.id) ?? 0 });
      }),
    )();
    const secrets = reports.reduce((n, r) => n + r.unchanged, 0);
    ctx.onProgress({ ...progress, namespacesDone: targets.length, secretsDone: secrets, secretsTotal: secrets });
    return { ...summarize(ctx, startedAt, this.clock.now(), reports), shortCircuit: true, via: 'resourceVersion' };
  }

  private async namespace(
    ctx: RunContext,
    t: Target,
    progress: Progress,
    meta?: SecretMeta[],
  ): Promise<NamespaceReport> {
    if (ctx.signal.aborted) return nsReport(t.namespace, null, 'cancelled', zero());
    if (!namespaceAllowed(ctx.cluster, t.namespace)) {
      const error = new AppError('invalid_input', `Namespace ${t.namespace} is excluded in the cluster options.`);
      return { ...nsReport(t.namespace, null, 'failed', zero()), failed: 1, error: error.toData() };
    }
    try {
      const seen = ctx.kind === 'fetch' ? await this.listFull(ctx, t) : await this.listChanged(ctx, t, meta);
      if (!meta) progress.secretsTotal += seen.total;
      if (ctx.signal.aborted) return nsReport(t.namespace, null, 'cancelled', zero());
      const [report] = this.commitBatch(ctx, () => {
        const { resourceId, counts } = this.write(ctx, t, seen);
        const changed = counts.added + counts.changed + counts.deleted > 0;
        return [nsReport(t.namespace, resourceId, changed || ctx.kind === 'fetch' ? 'ok' : 'unchanged', counts)];
      });
      progress.namespacesDone++;
      progress.secretsDone += seen.total;
      ctx.onProgress({ ...progress, namespace: t.namespace });
      return report as NamespaceReport;
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
  private async listChanged(ctx: RunContext, t: Target, prelisted?: SecretMeta[]): Promise<Seen> {
    const meta = prelisted ? { items: prelisted } : await ctx.kube.secretMeta(t.namespace, ctx.signal);
    const resource = repo.resourceFor(this.vault.db(), ctx.cluster.id, t.namespace);
    const index = resource ? repo.accountIndex(this.vault.db(), resource.id) : new Map();
    const todo: SecretMeta[] = [];
    for (const m of meta.items) {
      const name = m.metadata.name ?? '';
      const known = index.get(name);
      if (known) {
        if (known.resource_version !== m.metadata.resourceVersion || known.state !== 'present') todo.push(m);
      } else if (t.names ? t.names.has(name) : t.showHidden || !looksHidden(m)) todo.push(m);
    }
    // A new Secret is kept only if its real type (known once its data is read) is wanted.
    const keep = (s: RawSecret) => index.has(s.metadata?.name) || wanted(t, s.metadata?.name, s.type);
    const names = new Set(meta.items.map((m) => m.metadata.name ?? ''));
    if (todo.length === 0) return { write: [], names, total: meta.items.length };
    if (todo.length > MAX_GETS) {
      const full = await ctx.kube.secrets(t.namespace, ctx.signal);
      const want = new Set(todo.map((m) => m.metadata.name));
      const allNames = new Set(full.items.map((s) => s.metadata?.name ?? ''));
      const write = full.items.filter((s) => want.has(s.metadata?.name) && keep(s));
      return { write, names: allNames, total: full.items.length };
    }
    const write: RawSecret[] = [];
    for (const m of todo) {
      const secret = await ctx.kube.secret(t.namespace, m.metadata.name ?? '', ctx.signal);
      if (!secret) names.delete(m.metadata.name ?? '');
      else if (keep(secret)) write.push(secret);
    }
    return { write, names, total: meta.items.length };
  }

  /**
   * One transaction for a batch of whole namespaces and the audit event that covers them: the vault
   * never holds half a namespace, nor a Secret that no committed audit event accounts for.
   */
  private commitBatch(ctx: RunContext, write: () => NamespaceReport[]): NamespaceReport[] {
    return this.vault.db().transaction(() => {
      const written = write();
      ctx.audit.committed(written);
      return written;
    })();
  }

  /** Writes one namespace; only ever called inside commitBatch's transaction. */
  private write(ctx: RunContext, t: Target, seen: Seen): { resourceId: number; counts: Counts } {
    const db = this.vault.db();
    const now = this.clock.now();
    const resource = repo.ensureResource(db, {
      clusterId: ctx.cluster.id,
      clusterName: ctx.cluster.name,
      namespace: t.namespace,
      scope: t.scope,
      now,
    });
    const index = repo.accountIndex(db, resource.id);
    const counts = zero();
    const written = new Set(seen.write.map((s) => s.metadata?.name ?? ''));
    for (const outcome of repo.writeSecrets(db, resource.id, index, seen.write, now)) counts[outcome]++;
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
  }
}

interface Seen {
  /** Secrets whose data to write (new or changed). */
  write: RawSecret[];
  /** Every Secret name the cluster has in the namespace. */
  names: Set<string>;
  total: number;
}
