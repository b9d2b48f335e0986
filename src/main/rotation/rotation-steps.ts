// The mechanics every rotation run shares: journalled steps, verifying and storing a password, probing the target, writing keys and restarting consumers.
import { AppError, isAppError } from '../../shared/errors';
import type { RotationResultData } from '../../shared/ipc/mapping';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { JobControl, JobRunner } from '../jobs/runner';
import type { ClusterAccess } from '../sync/access';
import type { VaultService } from '../vault/service';
import { type Consumer, findConsumers, restartAndWait } from './consumers';
import { listMappings } from './mapping-store';
import { setRotationStep } from './rotation-store';
import type { Rotator } from './rotator';
import { type RotationSubject, rotationSubject, setTargetPassword } from './target-store';
import {
  groupBySecret,
  type SecretGroup,
  type SecretWriteOutcome,
  writeBackError,
  writeSecretGroup,
} from './write-back';

export interface RotationPlan {
  resource: string;
  account: string;
  keys: { clusterId: string; namespace: string; secret: string; key: string }[];
  /** Workloads that will be restarted (agent-sidecar ones are listed with `agentSidecar: true` and skipped). */
  consumers: (Consumer & { clusterId: string })[];
}

export type RotationResult = RotationResultData;

export interface RotationDeps {
  vault: VaultService;
  audit: AuditLog;
  clusters: ClusterAccess;
  jobs: JobRunner;
  clock: Clock;
  rotators?: Rotator[];
  /** How long to wait for each rollout; default 5 minutes. */
  rolloutTimeoutMs?: number;
  /** Test seam: runs after a step ends (the kill tests stop the process there). */
  afterStep?: (step: string) => Promise<void>;
  /** Test seam: runs between reading a Secret and its guarded write (the 409 tests change it there). */
  beforeWrite?: (group: SecretGroup) => Promise<void>;
}

/** Which way a run moves the password: forward (rotate, resume) or back (roll back). */
export interface Passwords {
  user: string;
  old: string;
  new: string;
}

const WRITE_TIMEOUT_MS = 30_000;

export class RotationSteps {
  constructor(private readonly d: RotationDeps) {}

  private db() {
    return this.d.vault.db();
  }

  groups(resource: string, account: string): SecretGroup[] {
    return groupBySecret(listMappings(this.db(), { account: { resource, account } }));
  }

  /** What a rotation would write and restart; changes nothing. */
  async plan(resource: string, account: string): Promise<RotationPlan> {
    rotationSubject(this.db(), resource, account);
    const groups = this.groups(resource, account);
    const consumers: RotationPlan['consumers'] = [];
    for (const g of groups) {
      const kc = await this.d.clusters.kubeConfig(g.clusterId);
      const found = await findConsumers(kc, g.namespace, g.secret, g.clusterId);
      consumers.push(...found.map((c) => ({ ...c, clusterId: g.clusterId })));
    }
    const unique = [
      ...new Map(consumers.map((c) => [`${c.clusterId}/${c.kind}/${c.namespace}/${c.name}`, c])).values(),
    ];
    const keys = groups.flatMap((g) =>
      g.mappings.map((m) => ({ clusterId: g.clusterId, namespace: g.namespace, secret: g.secret, key: m.key })),
    );
    return { resource, account, keys, consumers: unique };
  }

  /** One journalled step, also recorded as the rotation's current step; the test seam runs after it. */
  async step<T>(job: JobControl, id: string, name: string, run: () => Promise<T> | T, params = {}): Promise<T> {
    const value = await job.step(
      name,
      () => {
        setRotationStep(this.db(), id, name, this.d.clock.now());
        return run();
      },
      params,
    );
    await this.d.afterStep?.(name);
    return value;
  }

  /** Logs in with `password`, then stores it as the account's password. */
  async accept(subject: RotationSubject, rotator: Rotator, password: string): Promise<void> {
    await rotator.verifyLogin(subject.target, subject.account, password);
    setTargetPassword(this.db(), subject.accountId, password, this.d.clock.now());
    subject.password = password;
  }

  /** Which of two passwords the target accepts now; neither is a conflict someone else caused. */
  async probe(subject: RotationSubject, rotator: Rotator, wanted: string, other: string): Promise<'new' | 'old'> {
    for (const [password, which] of [
      [wanted, 'new'],
      [other, 'old'],
    ] as const) {
      try {
        await rotator.verifyLogin(subject.target, subject.account, password);
        return which;
      } catch (error) {
        if (!isAppError(error) || error.code !== 'unauthorized') throw error;
      }
    }
    throw new AppError(
      'conflict',
      `The target refuses both the old and the new password of ${subject.resource}/${subject.account}: it was changed outside Strongroom.`,
      'Set the password at the target back to one Strongroom knows, or update the account in Strongroom.',
    );
  }

  /** Steps 4 and 5: write every mapped key, then restart the consumers. Re-runnable: keys already current are left alone. */
  async finish(
    job: JobControl,
    id: string,
    subject: RotationSubject,
    passwords: Passwords,
    restart: boolean,
  ): Promise<RotationResult> {
    const { resource, account } = subject;
    const writes: SecretWriteOutcome[] = [];
    for (const g of this.groups(resource, account)) {
      const outcome = await this.step(
        job,
        id,
        'write',
        async () =>
          writeSecretGroup(await this.d.clusters.kubeConfig(g.clusterId), g, passwords, {
            timeoutMs: WRITE_TIMEOUT_MS,
            cluster: g.clusterId,
            ...(this.d.beforeWrite ? { afterRead: () => this.d.beforeWrite?.(g) } : {}),
          }),
        { clusterId: g.clusterId, namespace: g.namespace, secret: g.secret },
      );
      writes.push(outcome);
    }
    const failed = writes.filter((w) => w.outcome === 'failed');
    if (failed.length > 0) throw Object.assign(writeBackError(failed, id), { writes });
    const plan = await this.plan(resource, account);
    const restarts: RotationResult['restarts'] = [];
    for (const c of plan.consumers) {
      if (!restart || c.agentSidecar) {
        restarts.push({ kind: c.kind, namespace: c.namespace, name: c.name, outcome: 'skipped' });
        continue;
      }
      const outcome = await this.step(
        job,
        id,
        'restart',
        async () =>
          restartAndWait(await this.d.clusters.kubeConfig(c.clusterId), c, {
            at: new Date(this.d.clock.now()),
            timeoutMs: this.d.rolloutTimeoutMs ?? 300_000,
            cluster: c.clusterId,
          }),
        { kind: c.kind, namespace: c.namespace, name: c.name },
      );
      restarts.push({ kind: c.kind, namespace: c.namespace, name: c.name, outcome });
    }
    return { ...plan, rotationId: id, jobId: job.id, writes, restarts };
  }
}
