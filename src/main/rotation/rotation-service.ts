// Rotates one account (generate → change → verify → write mapped keys → restart consumers) as a journalled job, and resumes or rolls one back.
import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../shared/errors';
import type { RotationResultData } from '../../shared/ipc/mapping';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { JobControl, JobRunner } from '../jobs/runner';
import type { ClusterAccess } from '../sync/access';
import type { VaultService } from '../vault/service';
import { type Consumer, findConsumers, restartAndWait } from './consumers';
import { listMappings } from './mapping-store';
import { generatePassword } from './password-policy';
import { postgresRotator } from './postgres-rotator';
import {
  beginRotation,
  claimRotation,
  endRotation,
  getRotation,
  isRunning,
  type RotationRecord,
  setRotationStep,
  unfinishedRotation,
} from './rotation-store';
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
interface Passwords {
  user: string;
  old: string;
  new: string;
}

const WRITE_TIMEOUT_MS = 30_000;

export class RotationService {
  private readonly rotators: Map<string, Rotator>;

  constructor(private readonly d: RotationDeps) {
    this.rotators = new Map((d.rotators ?? [postgresRotator]).map((r) => [r.kind, r]));
    // `strongroom jobs` and the Resources view's interrupted jobs resume a rotation through the same path.
    d.jobs.onResume('rotation', async (job) => (await this.resume(String(job.params.rotationId))).jobId);
  }

  private db() {
    return this.d.vault.db();
  }

  private groups(resource: string, account: string): SecretGroup[] {
    return groupBySecret(listMappings(this.db(), { account: { resource, account } }));
  }

  private rotatorFor(subject: RotationSubject): Rotator {
    const rotator = this.rotators.get(subject.type.toLowerCase());
    if (!rotator) {
      throw new AppError(
        'invalid_input',
        `Strongroom cannot change passwords of ${subject.type} resources yet.`,
        'Only PostgreSQL accounts can be rotated.',
      );
    }
    return rotator;
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

  /** Runs the whole rotation as a job; every step is journalled before and after. */
  rotate(resource: string, account: string, options: { restart: boolean }): Promise<RotationResult> {
    return this.d.audit.run('rotation.rotate', `account ${resource}/${account}`, () => {
      const subject = rotationSubject(this.db(), resource, account);
      const rotator = this.rotatorFor(subject);
      const open = unfinishedRotation(this.db(), subject.accountId);
      if (open) {
        throw new AppError(
          'conflict',
          `${resource}/${account} has a rotation that has not ended (${open.id}).`,
          `Resume it (\`strongroom rotation resume ${open.id}\`) or roll it back (\`strongroom rotation rollback ${open.id}\`) first.`,
        );
      }
      const id = randomUUID();
      const params = { rotationId: id, resource, account, restart: options.restart };
      return this.d.jobs.run({ kind: 'rotation', label: `rotation of ${resource}/${account}`, params, id }, (job) =>
        this.tracked(id, async () => {
          const old = subject.password;
          const fresh = generatePassword(subject.policy);
          await job.step('generate', () =>
            beginRotation(this.db(), {
              id,
              accountId: subject.accountId,
              restart: options.restart,
              oldPassword: old,
              newPassword: fresh,
              at: this.d.clock.now(),
            }),
          );
          await this.step(job, id, 'change', () => rotator.changePassword(subject.target, account, fresh));
          await this.step(job, id, 'verify', () => this.accept(subject, rotator, fresh));
          return this.finish(job, id, subject, { user: account, old, new: fresh }, options.restart);
        }),
      );
    });
  }

  /**
   * Continues an interrupted or failed rotation: finds which password the target accepts (changing
   * it to the new one if the change never happened), then writes the keys still holding the old one.
   */
  resume(id: string): Promise<RotationResult> {
    const rec = getRotation(this.db(), id);
    return this.d.audit.run(
      'rotation.resume',
      `account ${rec.resource}/${rec.account}`,
      () => {
        this.checkIdle(rec, 'resumed');
        if (rec.state !== 'in_progress' && rec.state !== 'failed')
          throw new AppError(
            'invalid_input',
            `Rotation ${id} has ${rec.state.replace('_', ' ')}; there is nothing to resume.`,
          );
        const { oldPassword: old, newPassword: fresh } = passwordsOf(rec);
        return this.rerun(rec, 'resume', async (job, subject, rotator) => {
          if (subject.password !== fresh) {
            const accepted = await this.step(job, id, 'probe', () => this.probe(subject, rotator, fresh, old));
            if (accepted === 'old')
              await this.step(job, id, 'change', () => rotator.changePassword(subject.target, rec.account, fresh));
            await this.step(job, id, 'verify', () => this.accept(subject, rotator, fresh));
          }
          return this.finish(job, id, subject, { user: rec.account, old, new: fresh }, rec.restart);
        });
      },
      { rotation: id },
    );
  }

  /** Puts the old password back at the target and in every mapped key, then restarts consumers unless `restart` is false. */
  rollback(id: string, restart: boolean): Promise<RotationResult> {
    const rec = getRotation(this.db(), id);
    return this.d.audit.run(
      'rotation.rollback',
      `account ${rec.resource}/${rec.account}`,
      () => {
        this.checkIdle(rec, 'rolled back');
        if (rec.state === 'rolled_back' || rec.oldPassword === null) {
          throw new AppError(
            'invalid_input',
            `Rotation ${id} cannot be rolled back: ${rec.state === 'rolled_back' ? 'it already was' : 'a newer rotation of the account replaced it'}.`,
          );
        }
        const { oldPassword: old, newPassword: fresh } = passwordsOf(rec);
        return this.rerun(
          rec,
          'rollback',
          async (job, subject, rotator) => {
            await this.step(job, id, 'restore', async () => {
              if ((await this.probe(subject, rotator, old, fresh)) === 'old')
                await rotator.changePassword(subject.target, rec.account, old);
              await this.accept(subject, rotator, old);
            });
            return this.finish(job, id, subject, { user: rec.account, old: fresh, new: old }, restart);
          },
          restart,
        );
      },
      { rotation: id, restart },
    );
  }

  private checkIdle(rec: RotationRecord, verb: string): void {
    if (isRunning(rec)) {
      throw new AppError(
        'conflict',
        `Rotation ${rec.id} is running now; it cannot be ${verb} until it stops.`,
        'Wait for it, or cancel its job.',
      );
    }
  }

  /** Runs a resume or roll back of rotation `rec` as a new job that takes the rotation over. */
  private rerun(
    rec: RotationRecord,
    action: 'resume' | 'rollback',
    body: (job: JobControl, subject: RotationSubject, rotator: Rotator) => Promise<RotationResult>,
    restart = rec.restart,
  ): Promise<RotationResult> {
    const subject = rotationSubject(this.db(), rec.resource, rec.account);
    const rotator = this.rotatorFor(subject);
    const previousJob = this.d.jobs.list({ limit: 500 }).find((j) => j.id === rec.jobId);
    const params = { rotationId: rec.id, resource: rec.resource, account: rec.account, restart, action };
    const label = `${action === 'resume' ? 'resume' : 'roll back'} of rotation of ${rec.resource}/${rec.account}`;
    return this.d.jobs.run({ kind: action === 'resume' ? 'rotation' : 'rotation-rollback', label, params }, (job) => {
      claimRotation(this.db(), rec.id, job.id, this.d.clock.now());
      // The interrupted job is taken over: it no longer shows as one to run again.
      if (previousJob?.state === 'interrupted' || previousJob?.state === 'paused') this.d.jobs.dismiss(previousJob.id);
      return this.tracked(
        rec.id,
        () => body(job, subject, rotator),
        action === 'rollback' ? 'rolled_back' : 'completed',
      );
    });
  }

  /** Records the rotation's end state whichever way its run ends. */
  private async tracked(
    id: string,
    run: () => Promise<RotationResult>,
    done: 'completed' | 'rolled_back' = 'completed',
  ): Promise<RotationResult> {
    try {
      const result = await run();
      endRotation(this.db(), id, done, this.d.clock.now());
      return result;
    } catch (error) {
      const code = isAppError(error) ? error.code : 'internal';
      // Not journalled if the vault locked under it: it then shows as interrupted.
      if (this.d.vault.isUnlocked) endRotation(this.db(), id, 'failed', this.d.clock.now(), code);
      throw error;
    }
  }

  /** One journalled step, also recorded as the rotation's current step; the test seam runs after it. */
  private async step<T>(job: JobControl, id: string, name: string, run: () => Promise<T> | T, params = {}): Promise<T> {
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
  private async accept(subject: RotationSubject, rotator: Rotator, password: string): Promise<void> {
    await rotator.verifyLogin(subject.target, subject.account, password);
    setTargetPassword(this.db(), subject.accountId, password, this.d.clock.now());
    subject.password = password;
  }

  /** Which of two passwords the target accepts now; neither is a conflict someone else caused. */
  private async probe(
    subject: RotationSubject,
    rotator: Rotator,
    wanted: string,
    other: string,
  ): Promise<'new' | 'old'> {
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
  private async finish(
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

function passwordsOf(rec: RotationRecord): { oldPassword: string; newPassword: string } {
  if (rec.oldPassword === null || rec.newPassword === null) {
    throw new AppError(
      'invalid_input',
      `Rotation ${rec.id} no longer holds its passwords: a newer rotation of the account replaced it.`,
    );
  }
  return { oldPassword: rec.oldPassword, newPassword: rec.newPassword };
}
