// Rotates one account (generate → change → verify → write mapped keys → restart consumers) as a journalled job, and resumes or rolls one back.
import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../shared/errors';
import type { RotationSummary } from '../../shared/ipc/rotation';
import type { JobControl } from '../jobs/runner';
import { generatePassword } from './password-policy';
import { postgresRotator } from './postgres-rotator';
import { type RotationDeps, type RotationPlan, type RotationResult, RotationSteps } from './rotation-steps';
import {
  beginRotation,
  claimRotation,
  endRotation,
  getRotation,
  isRunning,
  listRotations,
  type RotationRecord,
  rotationSummary,
  unfinishedRotation,
} from './rotation-store';
import type { Rotator } from './rotator';
import { type RotationSubject, rotationSubject, targetAccountId } from './target-store';

export type { RotationDeps, RotationPlan, RotationResult } from './rotation-steps';

export class RotationService {
  private readonly rotators: Map<string, Rotator>;
  private readonly steps: RotationSteps;

  constructor(private readonly d: RotationDeps) {
    this.steps = new RotationSteps(d);
    this.rotators = new Map((d.rotators ?? [postgresRotator]).map((r) => [r.kind, r]));
    // `strongroom jobs` and the Resources view's interrupted jobs resume a rotation through the same path.
    d.jobs.onResume('rotation', async (job) => (await this.resume(String(job.params.rotationId))).jobId);
  }

  private db() {
    return this.d.vault.db();
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

  /** What a rotation would write and restart; changes nothing (the impact preview). */
  plan(resource: string, account: string): Promise<RotationPlan> {
    return this.steps.plan(resource, account);
  }

  /** The rotation journal, newest first; a rotation whose process died since shows as interrupted. */
  list(account?: { resource: string; account: string }): RotationSummary[] {
    this.d.jobs.markInterrupted();
    const accountId = account ? targetAccountId(this.db(), account.resource, account.account) : undefined;
    return listRotations(this.db(), accountId).map(rotationSummary);
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
          await this.steps.step(job, id, 'change', () => rotator.changePassword(subject.target, account, fresh));
          await this.steps.step(job, id, 'verify', () => this.steps.accept(subject, rotator, fresh));
          return this.steps.finish(job, id, subject, { user: account, old, new: fresh }, options.restart);
        }),
      );
    });
  }

  /**
   * Continues an interrupted or failed rotation: finds which password the target accepts (changing
   * it to the new one if the change never happened), then writes the keys still holding the old one.
   */
  resume(id: string): Promise<RotationResult> {
    this.d.jobs.markInterrupted();
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
            const accepted = await this.steps.step(job, id, 'probe', () =>
              this.steps.probe(subject, rotator, fresh, old),
            );
            if (accepted === 'old')
              await this.steps.step(job, id, 'change', () =>
                rotator.changePassword(subject.target, rec.account, fresh),
              );
            await this.steps.step(job, id, 'verify', () => this.steps.accept(subject, rotator, fresh));
          }
          return this.steps.finish(job, id, subject, { user: rec.account, old, new: fresh }, rec.restart);
        });
      },
      { rotation: id },
    );
  }

  /** Puts the old password back at the target and in every mapped key, then restarts consumers unless `restart` is false. */
  rollback(id: string, restart: boolean): Promise<RotationResult> {
    this.d.jobs.markInterrupted();
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
            await this.steps.step(job, id, 'restore', async () => {
              if ((await this.steps.probe(subject, rotator, old, fresh)) === 'old')
                await rotator.changePassword(subject.target, rec.account, old);
              await this.steps.accept(subject, rotator, old);
            });
            return this.steps.finish(job, id, subject, { user: rec.account, old: fresh, new: old }, restart);
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
