// The sync service: browse a cluster without storing, fetch picked namespaces or Secrets, sync, cancel, purge.
import crypto from 'node:crypto';
import type { ClusterId } from '../../shared/clusters';
import { isAppError } from '../../shared/errors';
import type { ChannelParsedInput } from '../../shared/ipc';
import type { JobParams } from '../../shared/ipc/jobs';
import type { BrowseNamespacesResult, BrowseSecretsResult, SyncReport } from '../../shared/ipc/sync';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { type JobControl, JobRunner } from '../jobs/runner';
import { kubeError } from '../kube/api-error';
import type { KubeSecrets } from '../kube/secrets';
import type { Logger } from '../log';
import * as repo from '../resources/repo';
import { base64Size, isHidden } from '../resources/secret';
import type { VaultService } from '../vault/service';
import { type ClusterAccess, type ClusterInfo, namespaceAllowed } from './access';
import { SyncEngine } from './engine';
import { JobAudit } from './job-audit';
import type { Target } from './run-context';

const DEFAULT_TIMEOUT_MS = 30_000;

export interface SyncServiceOptions {
  vault: VaultService;
  audit: AuditLog;
  clusters: ClusterAccess;
  clock: Clock;
  log: Logger;
  events?: EventBus;
  /** The app's job runner; a service built alone (tests, benches) makes its own. */
  jobs?: JobRunner;
}

/** A fetch as the `sync:fetch` channel takes it (after its schema parsed it). */
export type FetchRequest = ChannelParsedInput<'sync:fetch'>;

/** A sync as the `sync:sync` channel takes it; the scheduler also says that it started it. */
export type SyncRequest = ChannelParsedInput<'sync:sync'> & { trigger?: 'manual' | 'schedule' };

export class SyncService {
  readonly jobs: JobRunner;
  private readonly engine: SyncEngine;
  private readonly log: Logger;

  constructor(private readonly o: SyncServiceOptions) {
    this.log = o.log.child({ svc: 'sync' });
    this.engine = new SyncEngine(o.vault, o.clock, this.log);
    // The runner cancels running jobs when the vault locks, as sync always did.
    this.jobs = o.jobs ?? new JobRunner({ vault: o.vault, clock: o.clock, log: o.log, events: o.events });
    // An interrupted or paused fetch or sync is simply run again with the same request.
    this.jobs.onResume('fetch', (job) =>
      this.runAgain(job.params, (jobId) => this.fetch({ ...fetchParams(job.params), jobId })),
    );
    this.jobs.onResume('sync', (job) =>
      this.runAgain(job.params, (jobId) => this.sync({ ...syncParams(job.params), jobId })),
    );
  }

  private async connect(clusterId: string): Promise<{ info: ClusterInfo; kube: KubeSecrets }> {
    const info = await this.o.clusters.describe(clusterId);
    const kc = await this.o.clusters.kubeConfig(clusterId);
    // Loaded on first use: commands that never reach a cluster do not load the Kubernetes client.
    const { KubeSecrets } = await import('../kube/secrets');
    return { info, kube: new KubeSecrets(kc, info.timeoutMs ?? DEFAULT_TIMEOUT_MS) };
  }

  /** Namespaces in the cluster's options, with counts from one metadata-only list per namespace (or one for all). */
  async browseNamespaces(clusterId: string): Promise<BrowseNamespacesResult> {
    const { info, kube } = await this.connect(clusterId);
    const signal = new AbortController().signal;
    const names = info.includeNamespaces.length > 0 ? [...info.includeNamespaces] : await kube.namespaces(signal);
    const allowed = names.filter((n) => namespaceAllowed(info, n)).sort();
    const counts = new Map<string, { secrets: number; hidden: number }>();
    for (const n of allowed) counts.set(n, { secrets: 0, hidden: 0 });
    const errors = new Map<string, ReturnType<typeof kubeError>>();
    const tally = (ns: string | undefined, type: string) => {
      const c = counts.get(ns ?? '');
      if (c) isHidden(type) ? c.hidden++ : c.secrets++;
    };
    try {
      for (const m of (await kube.secretMeta(undefined, signal, { needTypes: true })).items)
        tally(m.metadata.namespace, m.type ?? '');
    } catch {
      // Without cluster-wide list rights, count namespace by namespace; each may fail on its own.
      for (const ns of allowed) {
        try {
          for (const m of (await kube.secretMeta(ns, signal, { needTypes: true })).items) tally(ns, m.type ?? '');
        } catch (error) {
          errors.set(ns, kubeError(error, `listing Secrets in ${ns}`));
        }
      }
    }
    const db = this.o.vault.db();
    return {
      clusterId,
      namespaces: allowed.map((namespace) => {
        const resource = repo.resourceFor(db, clusterId, namespace);
        const error = errors.get(namespace);
        return {
          namespace,
          ...(counts.get(namespace) ?? { secrets: 0, hidden: 0 }),
          resourceId: resource?.id ?? null,
          lastSynced: resource?.last_synced ?? null,
          ...(error ? { error: error.toData() } : {}),
        };
      }),
    };
  }

  /** A namespace's Secrets: names, types, key names and sizes. Values are read but never leave this function. */
  async browseSecrets(clusterId: string, namespace: string, showHidden = false): Promise<BrowseSecretsResult> {
    const { kube } = await this.connect(clusterId);
    const { items } = await kube.secrets(namespace, new AbortController().signal);
    const db = this.o.vault.db();
    const resource = repo.resourceFor(db, clusterId, namespace);
    const known = resource ? repo.accountIndex(db, resource.id) : new Map();
    let hiddenCount = 0;
    const secrets = [];
    for (const s of items) {
      const hidden = isHidden(s.type);
      if (hidden) hiddenCount++;
      if (hidden && !showHidden) continue;
      const data = s.data ?? {};
      secrets.push({
        name: s.metadata?.name ?? '',
        type: s.type ?? 'Opaque',
        keys: Object.keys(data),
        createdAt: s.metadata?.creationTimestamp ?? null,
        size: Object.values(data).reduce((n, v) => n + base64Size(v), 0),
        hidden,
        fetched: known.has(s.metadata?.name ?? ''),
      });
    }
    return { clusterId, namespace, secrets, hiddenCount: showHidden ? 0 : hiddenCount };
  }

  /** Fetches namespaces and/or single Secrets (every allowed namespace when neither is given). */
  async fetch(req: FetchRequest): Promise<SyncReport> {
    const params = {
      clusterId: req.clusterId,
      namespaces: req.namespaces,
      secrets: req.secrets,
      showHidden: req.showHidden,
    };
    return this.runJob('fetch', params, req.jobId, 'manual', async (info, kube, signal) => {
      const targets = new Map<string, Target>();
      const showHidden = req.showHidden ?? false;
      for (const ns of req.namespaces ?? []) targets.set(ns, { namespace: ns, scope: 'namespace', showHidden });
      for (const s of req.secrets ?? []) {
        const t = targets.get(s.namespace);
        if (t?.scope === 'namespace') continue;
        const names = new Set(t?.names ?? []);
        names.add(s.name);
        targets.set(s.namespace, { namespace: s.namespace, scope: 'selected', names, showHidden });
      }
      let full = false;
      if (!req.namespaces && !req.secrets) {
        const names = info.includeNamespaces.length > 0 ? info.includeNamespaces : await kube.namespaces(signal);
        for (const ns of names.filter((n) => namespaceAllowed(info, n)))
          targets.set(ns, { namespace: ns, scope: 'namespace', showHidden });
        full = this.coversAll(info.id, targets);
      }
      return { targets: [...targets.values()].sort((a, b) => a.namespace.localeCompare(b.namespace)), full };
    });
  }

  /** Syncs the cluster's resources (or the named namespaces among them). */
  async sync(req: SyncRequest): Promise<SyncReport> {
    const params = { clusterId: req.clusterId, namespaces: req.namespaces };
    return this.runJob('sync', params, req.jobId, req.trigger ?? 'manual', async (info) => {
      const db = this.o.vault.db();
      const resources = repo
        .resourcesOfCluster(db, info.id)
        .filter((r) => !req.namespaces || req.namespaces.includes(r.namespace ?? ''));
      const targets = resources.map((r): Target => {
        const namespace = r.namespace ?? '';
        if (r.scope === 'namespace') return { namespace, scope: 'namespace', showHidden: false };
        return { namespace, scope: 'selected', names: new Set(repo.accountIndex(db, r.id).keys()), showHidden: true };
      });
      return { targets, full: !req.namespaces };
    });
  }

  cancel(jobId: string): boolean {
    return this.jobs.cancel(jobId);
  }

  purgeDeleted(filter: { clusterId?: string; accountIds?: number[] }): number {
    const target = filter.clusterId ?? `${filter.accountIds?.length ?? 0} accounts`;
    let purged = 0;
    try {
      purged = repo.purgeDeleted(this.o.vault.db(), filter);
    } finally {
      this.o.audit.record({ action: 'sync.purge_deleted', target, outcome: 'ok', details: { purged } });
    }
    return purged;
  }

  /** True when `targets` include every resource the cluster already has in the vault. */
  private coversAll(clusterId: string, targets: Map<string, Target>): boolean {
    return repo.resourcesOfCluster(this.o.vault.db(), clusterId).every((r) => targets.has(r.namespace ?? ''));
  }

  /** Starts a job again in the background under a new id; its progress and end come as events. */
  private runAgain(params: JobParams, start: (jobId: string) => Promise<SyncReport>): string {
    const jobId = crypto.randomUUID();
    start(jobId).catch((error) =>
      this.log.info(
        { code: isAppError(error) ? error.code : 'internal', clusterId: params.clusterId },
        'job run again failed',
      ),
    );
    return jobId;
  }

  /**
   * Runs a fetch or sync through the job runner, journalled in three steps (connect, plan, write, with
   * each namespace noted as it commits). A pause (a lock asked for it) stops it like a cancel: at a
   * namespace boundary, since each namespace is written in one synchronous transaction.
   */
  private async runJob(
    kind: 'fetch' | 'sync',
    params: { clusterId: string } & JobParams,
    jobId: string | undefined,
    trigger: 'manual' | 'schedule',
    plan: (info: ClusterInfo, kube: KubeSecrets, signal: AbortSignal) => Promise<{ targets: Target[]; full: boolean }>,
  ): Promise<SyncReport> {
    const { clusterId } = params;
    const spec = { kind, label: `The ${kind} of cluster ${clusterId}`, params: { ...defined(params), trigger } };
    return this.jobs.run(jobId ? { ...spec, id: jobId } : spec, (job) =>
      this.runSteps(job, kind, clusterId, trigger, plan),
    );
  }

  private async runSteps(
    job: JobControl,
    kind: 'fetch' | 'sync',
    clusterId: string,
    trigger: 'manual' | 'schedule',
    plan: (info: ClusterInfo, kube: KubeSecrets, signal: AbortSignal) => Promise<{ targets: Target[]; full: boolean }>,
  ): Promise<SyncReport> {
    const action = kind === 'fetch' ? 'sync.fetch' : 'sync.sync';
    const signal = AbortSignal.any([job.signal, job.pauseSignal]);
    // Recorded before anything is read or written; batches are then recorded as they commit.
    const audit = new JobAudit(this.o.audit, action, `cluster ${clusterId}`, { jobId: job.id, trigger });
    audit.started();
    try {
      const { info, kube } = await job.step('connect', () => this.connect(clusterId));
      job.relabel(`The ${kind} of cluster ${info.name}`);
      const { targets, full } = await job.step('plan', () => plan(info, kube, signal));
      const report = await job.step(
        'write',
        () =>
          this.engine.run(
            {
              jobId: job.id,
              kind,
              trigger,
              cluster: info,
              kube,
              signal,
              onProgress: (p) => {
                if (p.namespace) job.note('namespace', { namespace: p.namespace });
                this.o.events?.emit('sync:progress', { jobId: job.id, clusterId, kind, ...p });
              },
              audit,
            },
            targets,
            full,
          ),
        { namespaces: targets.length },
      );
      const failedNamespaces = report.namespaces
        .filter((n) => n.error)
        .map((n) => ({ namespace: n.namespace, code: n.error?.code }));
      this.o.audit.record({
        action,
        target: `cluster ${info.name}`,
        outcome: report.cancelled ? 'cancelled' : 'ok',
        details: {
          jobId: job.id,
          trigger,
          ...report.totals,
          namespaces: report.namespaces.length,
          failedNamespaces,
          shortCircuit: report.shortCircuit,
        },
      });
      this.o.events?.emit('sync:finished', {
        jobId: job.id,
        clusterId,
        kind,
        trigger,
        cancelled: report.cancelled,
        totals: report.totals,
      });
      return report;
    } catch (error) {
      const outcome = isAppError(error) ? error.code : 'internal';
      this.o.audit.record({ action, target: `cluster ${clusterId}`, outcome, details: { jobId: job.id, trigger } });
      throw error;
    }
  }
}

/** Drops undefined fields, so the journal holds only what the request gave. */
function defined(params: JobParams): JobParams {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

/** A journaled request back as the request it was; its cluster id was a ClusterId when journaled. */
function fetchParams(p: JobParams): FetchRequest {
  return {
    clusterId: String(p.clusterId) as ClusterId,
    ...(Array.isArray(p.namespaces) ? { namespaces: p.namespaces as string[] } : {}),
    ...(Array.isArray(p.secrets) ? { secrets: p.secrets as { namespace: string; name: string }[] } : {}),
    ...(p.showHidden === true ? { showHidden: true } : {}),
  };
}

function syncParams(p: JobParams): SyncRequest {
  return {
    clusterId: String(p.clusterId) as ClusterId,
    ...(Array.isArray(p.namespaces) ? { namespaces: p.namespaces as string[] } : {}),
  };
}
