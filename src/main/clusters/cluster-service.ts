// Cluster records: add (only after a passing test, or an audited "save anyway"), edit, re-test and delete.
import { randomUUID } from 'node:crypto';
import type { AuditSink } from '../../shared/audit-catalog';
import type {
  ClusterDeleteResult,
  ClusterDraft,
  ClusterId,
  ClusterOptions,
  ClusterOptionsPatch,
  ClusterSummary,
  ConnectionTestResult,
} from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { KubeTarget } from '../kube/connection';
import type { Logger } from '../log';
import {
  caFingerprints,
  lastTestOf,
  normalizeOptions,
  targetOf,
  testKey,
  toSummary,
  validateDraft,
} from './cluster-draft';
import type { ConnectionTarget, ProgressListener, runConnectionTest } from './connection-test';
import type { ClusterRecord, ClusterRepo } from './repo';

export type AuditRecorder = AuditSink;

/** What the sync domain keeps per cluster; delete asks it to keep or remove them. */
export interface FetchedResources {
  count(clusterId: ClusterId): number;
  /** Accounts (one per fetched Secret) of the cluster's resources, deleted-in-cluster ones included. */
  countSecrets(clusterId: ClusterId): number;
  remove(clusterId: ClusterId): number;
}

export interface ClusterServiceDeps {
  repo: ClusterRepo;
  audit: AuditRecorder;
  clock: Clock;
  log: Logger;
  resources?: FetchedResources;
  /** Swappable for tests; the real three-step test by default. */
  runTest?: typeof runConnectionTest;
}

/** Changes to a saved cluster; a new token replaces the stored one. */
export interface ClusterPatch {
  name?: string;
  server?: string;
  caPem?: string;
  token?: string;
  options?: ClusterOptionsPatch;
}

/** `saveAnyway` saves despite a failing test (audited); `onProgress` follows a test that save has to run. */
export interface SaveOptions {
  saveAnyway?: boolean;
  onProgress?: ProgressListener;
}

export type DeleteResult = ClusterDeleteResult;

/** A passing test is honoured by save for this long, for exactly the connection facts it tested. */
const PASS_TTL_MS = 15 * 60_000;

export class ClusterService {
  private readonly passes = new Map<string, ConnectionTestResult>();
  private readonly log: Logger;

  constructor(private readonly deps: ClusterServiceDeps) {
    this.log = deps.log.child({ svc: 'clusters' });
  }

  list(): ClusterSummary[] {
    return this.deps.repo.list().map((r) => this.summary(r));
  }

  get(id: ClusterId): ClusterSummary {
    return this.summary(this.record(id));
  }

  /** For other domains (sync, access): the in-memory facts client-node needs. Never sent to the renderer. */
  connection(id: ClusterId): KubeTarget & { options: ClusterOptions } {
    const r = this.record(id);
    return { ...targetOf(r, r.options), options: r.options };
  }

  /**
   * Tests a draft (wizard), a saved cluster (its result becomes its status), or a saved cluster as an edit
   * form holds it (its URL, CA, token or options changed, not saved yet: tested exactly so, status left alone).
   */
  async test(
    what: { draft: ClusterDraft } | { id: ClusterId; edit?: ClusterPatch },
    onProgress?: ProgressListener,
  ): Promise<ConnectionTestResult> {
    if ('draft' in what) {
      const draft = validateDraft(what.draft, this.deps.clock.now());
      return this.runTest(targetOf(draft, normalizeOptions(draft.options)), draft.name, onProgress, { draft: true });
    }
    const record = this.record(what.id);
    if (what.edit) {
      const edited = patched(record, what.edit, this.deps.clock.now());
      return this.runTest(targetOf(edited, edited.options), record.name, onProgress, { id: record.id, edited: true });
    }
    const result = await this.runTest(targetOf(record, record.options), record.name, onProgress, { id: record.id });
    this.deps.repo.update({ ...record, lastTest: lastTestOf(result) });
    return result;
  }

  /** Saves a new cluster after a passing test (reused if recent, run now otherwise), or anyway when asked. */
  async add(
    input: ClusterDraft,
    opts: SaveOptions = {},
  ): Promise<{ cluster: ClusterSummary; test: ConnectionTestResult }> {
    const now = this.deps.clock.now();
    const draft = validateDraft(input, now);
    const options = normalizeOptions(draft.options);
    this.assertNameFree(draft.name);
    const test = await this.ensurePassed(targetOf(draft, options), draft.name, opts);
    const record: ClusterRecord = {
      id: randomUUID() as ClusterId,
      name: draft.name,
      server: draft.server,
      caPem: draft.caPem,
      token: draft.token,
      options,
      createdAt: now,
      updatedAt: now,
    };
    record.lastTest = lastTestOf(test);
    this.deps.repo.insert(record);
    this.deps.audit.record({
      action: 'cluster.add',
      target: record.name,
      outcome: 'ok',
      details: {
        id: record.id,
        server: record.server,
        variant: options.variant,
        testPassed: test.ok,
        caFingerprints: caFingerprints(record.caPem, now),
      },
    });
    this.log.info({ id: record.id }, 'cluster added');
    return { cluster: this.summary(record), test };
  }

  /** Edits a cluster. Changing how it is reached (URL, CA, token, TLS name, proxy) needs a passing test again. */
  async update(id: ClusterId, patch: ClusterPatch, opts: SaveOptions = {}) {
    const current = this.record(id);
    if (patch.name !== undefined && patch.name.trim().toLowerCase() !== current.name.toLowerCase()) {
      this.assertNameFree(patch.name.trim());
    }
    const next = patched(current, patch, this.deps.clock.now());
    const before = testKey(targetOf(current, current.options));
    const reachChanged = testKey(targetOf(next, next.options)) !== before;
    let test: ConnectionTestResult | null = null;
    if (reachChanged) {
      test = await this.ensurePassed(targetOf(next, next.options), next.name, opts);
      next.lastTest = lastTestOf(test);
    }
    this.deps.repo.update(next);
    const changed = Object.keys(patch).filter((k) => k !== 'token');
    if (patch.token !== undefined) changed.push('token (replaced)');
    this.deps.audit.record({
      action: 'cluster.update',
      target: next.name,
      outcome: 'ok',
      details: {
        id,
        changed,
        retested: reachChanged,
        ...(patch.caPem !== undefined ? { caFingerprints: caFingerprints(next.caPem, next.updatedAt) } : {}),
      },
    });
    return { cluster: this.summary(next), test };
  }

  /** Deletes the cluster record; fetched resources are kept or removed as the user chose, and the result says which. */
  async delete(id: ClusterId, resources: 'keep' | 'remove'): Promise<DeleteResult> {
    const record = this.record(id);
    return this.deps.audit.run(
      'cluster.delete',
      record.name,
      (): DeleteResult => {
        const count = this.deps.resources?.count(id) ?? 0;
        const removed = resources === 'remove' ? (this.deps.resources?.remove(id) ?? 0) : 0;
        this.deps.repo.delete(id);
        const message =
          resources === 'remove'
            ? `Cluster "${record.name}" deleted, with its ${removed} fetched resource(s).`
            : `Cluster "${record.name}" deleted. Its ${count} fetched resource(s) stay in the vault; delete them from Resources if you no longer need them.`;
        return {
          id,
          name: record.name,
          resources: resources === 'remove' ? 'removed' : 'kept',
          resourceCount: resources === 'remove' ? removed : count,
          message,
        };
      },
      { id, resources },
    );
  }

  /** Runs, logs and audits one connection test; the outcome is the first failing step's code. */
  private async runTest(
    target: ConnectionTarget,
    name: string,
    onProgress?: ProgressListener,
    details: Record<string, unknown> = {},
  ): Promise<ConnectionTestResult> {
    // Loaded on first use: the Kubernetes client is not needed by commands that never reach a cluster.
    const run = this.deps.runTest ?? (await import('./connection-test')).runConnectionTest;
    const result = await run(target, { now: () => this.deps.clock.now(), onProgress });
    if (result.ok) this.passes.set(testKey(target), result);
    const steps = Object.fromEntries(result.steps.map((s) => [s.step, s.status]));
    this.log.info({ server: target.server, ok: result.ok, steps }, 'connection test');
    const failed = result.steps.find((s) => s.status === 'fail');
    this.deps.audit.record({
      action: 'cluster.test',
      target: name,
      outcome: failed ? (failed.code ?? 'unreachable') : 'ok',
      details: { ...details, server: target.server, steps },
    });
    return result;
  }

  /** Returns the passing test, or the failing one when saving anyway (audited with the failing steps). */
  private async ensurePassed(
    target: ConnectionTarget,
    name: string,
    { saveAnyway, onProgress }: SaveOptions,
  ): Promise<ConnectionTestResult> {
    const passed = this.passes.get(testKey(target));
    if (passed && this.deps.clock.now() - passed.at < PASS_TTL_MS) return passed;
    const result = await this.runTest(target, name, onProgress);
    if (result.ok) return result;
    const failedSteps = result.steps.filter((s) => s.status === 'fail');
    const failed = failedSteps.map((s) => s.step);
    if (!saveAnyway) {
      throw new AppError(
        failedSteps[0]?.code ?? 'unreachable',
        `The connection test did not pass (${failed.join(', ')}), so "${name}" was not saved.`,
        'Fix the failing step and test again, or choose "Save anyway" if the cluster is only unreachable from here for now.',
      );
    }
    this.deps.audit.record({
      action: 'cluster.save_anyway',
      target: name,
      outcome: 'ok',
      details: { failedSteps: failed },
    });
    return result;
  }

  private summary(record: ClusterRecord): ClusterSummary {
    const out = toSummary(record);
    if (this.deps.resources) {
      out.fetchedResources = this.deps.resources.count(record.id);
      out.fetchedSecrets = this.deps.resources.countSecrets(record.id);
    }
    return out;
  }

  private assertNameFree(name: string): void {
    if (this.deps.repo.findByName(name)) {
      throw new AppError(
        'already_exists',
        `A cluster named "${name}" already exists.`,
        'Choose another name, or edit the existing cluster.',
      );
    }
  }

  private record(id: ClusterId): ClusterRecord {
    const record = this.deps.repo.get(id);
    if (!record) throw new AppError('not_found', 'This cluster no longer exists.', 'Refresh the cluster list.');
    return record;
  }
}

/** A saved cluster with an edit applied and checked as a draft would be; nothing is stored. */
function patched(current: ClusterRecord, patch: ClusterPatch, now: number): ClusterRecord {
  const draft = validateDraft(
    {
      name: patch.name ?? current.name,
      server: patch.server ?? current.server,
      caPem: patch.caPem ?? current.caPem,
      token: patch.token ?? current.token,
      options: {},
    },
    now,
  );
  return {
    ...current,
    updatedAt: now,
    name: draft.name,
    server: draft.server,
    caPem: draft.caPem,
    token: draft.token,
    options: normalizeOptions(patch.options ?? {}, current.options),
  };
}
