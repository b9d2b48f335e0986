// The job runner: runs jobs step by step, journals each step in the vault, holds a lease, pauses, cancels and resumes.
import crypto from 'node:crypto';
import { AppError, isAppError } from '../../shared/errors';
import type { JobParams, JobState, JobSummary } from '../../shared/ipc/jobs';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { LeaseInfo, VaultLeases } from '../vault/leases';
import type { VaultService } from '../vault/service';
import { JobJournal } from './journal';

export interface JobRunnerOptions {
  vault: VaultService;
  clock: Clock;
  log: Logger;
  events?: EventBus;
  /** Whether another process still runs (a journalled job of a dead process was interrupted). */
  isProcessAlive?(pid: number): boolean;
}

/** What a job is, as journalled. `id` may be chosen by the caller so it can cancel before the call returns. */
export interface JobSpec {
  kind: string;
  label: string;
  params: JobParams;
  id?: string;
}

/** What a running job gets from the runner. */
export interface JobControl {
  readonly id: string;
  /** Aborted when the job is cancelled or the vault locks. */
  readonly signal: AbortSignal;
  /** Aborted when a lock asked the job to pause at its next safe step. */
  readonly pauseSignal: AbortSignal;
  /**
   * Runs one step, journalled before and after. The boundary before a step is the safe point where a
   * paused job stops; a step itself is never cut by a pause. Cancel is the job's to observe through
   * `signal`, wherever it can stop (sync checks it between namespaces).
   */
  step<T>(name: string, run: () => Promise<T> | T, params?: JobParams): Promise<T>;
  /** Journals a piece of work done inside the current step (e.g. one namespace committed). */
  note(step: string, params: JobParams): void;
  /** Renames the job once it knows better (a cluster's name once connected). */
  relabel(label: string): void;
}

/** Runs an interrupted or paused job again; returns the new job's id. */
export type ResumeHandler = (job: JobSummary) => string | Promise<string>;

interface Running {
  spec: Required<JobSpec>;
  cancel: AbortController;
  pause: AbortController;
  step: string | null;
  /** Set when a step ended because of a pause or cancel, so a job that returns normally is journalled as such. */
  stopped?: 'paused' | 'cancelled';
  settled: Promise<unknown>;
}

const PAUSED = 'Paused at a safe step so that the vault could lock.';

export class JobRunner implements VaultLeases {
  private readonly running = new Map<string, Running>();
  private readonly resumers = new Map<string, ResumeHandler>();
  private readonly releaseListeners: (() => void)[] = [];
  private readonly journal: JobJournal;
  private readonly log: Logger;

  constructor(private readonly o: JobRunnerOptions) {
    this.journal = new JobJournal(() => o.vault.db());
    this.log = o.log.child({ svc: 'jobs' });
    o.vault.addLifecycle({
      // A locked vault can take no more writes: whatever still runs is cut, and the next unlock lists it.
      locking: () => this.cancelAll(new AppError('cancelled', 'The vault locked.')),
      unlocked: () => this.markInterrupted(),
    });
  }

  /** Runs `fn` as a journalled job holding a lease on the vault, and answers what it returns. */
  async run<T>(spec: JobSpec, fn: (job: JobControl) => Promise<T>): Promise<T> {
    const id = spec.id ?? crypto.randomUUID();
    if (this.running.has(id)) throw new AppError('conflict', 'A job with this id is already running.');
    const full = { ...spec, id };
    this.journal.begin({ ...full, pid: process.pid, at: this.o.clock.now() });
    let resolveSettled: () => void = () => undefined;
    const entry: Running = {
      spec: full,
      cancel: new AbortController(),
      pause: new AbortController(),
      step: null,
      settled: new Promise<void>((r) => {
        resolveSettled = r;
      }),
    };
    this.running.set(id, entry);
    this.publish(id);
    try {
      const value = await fn(this.control(entry));
      this.end(entry, entry.stopped ?? 'done');
      return value;
    } catch (error) {
      const code = isAppError(error) ? error.code : 'internal';
      this.end(entry, entry.pause.signal.aborted ? 'paused' : code === 'cancelled' ? 'cancelled' : 'failed', code);
      throw error;
    } finally {
      this.running.delete(id);
      resolveSettled();
      for (const listener of this.releaseListeners) listener();
    }
  }

  cancel(id: string, reason = new AppError('cancelled', 'Cancelled by the user.')): boolean {
    const entry = this.running.get(id);
    if (!entry) return false;
    entry.cancel.abort(reason);
    return true;
  }

  /** Cancels every job (the vault is locking: nothing may write after that). */
  cancelAll(reason?: AppError): void {
    for (const id of [...this.running.keys()]) this.cancel(id, reason);
  }

  held(): LeaseInfo[] {
    return [...this.running.values()].map((e) => ({
      id: e.spec.id,
      kind: e.spec.kind,
      label: e.spec.label,
      step: e.step,
    }));
  }

  async pauseAll(): Promise<void> {
    const entries = [...this.running.values()];
    for (const e of entries) {
      if (e.pause.signal.aborted) continue;
      e.pause.abort(new AppError('cancelled', PAUSED));
      this.setState(e.spec.id, 'pausing');
    }
    await Promise.all(entries.map((e) => e.settled));
  }

  onRelease(listener: () => void): void {
    this.releaseListeners.push(listener);
  }

  /** Lets a job kind run its interrupted or paused jobs again. */
  onResume(kind: string, handler: ResumeHandler): void {
    this.resumers.set(kind, handler);
  }

  get size(): number {
    return this.running.size;
  }

  list(filter: { state?: JobState; limit?: number } = {}): JobSummary[] {
    return this.journal.list(filter).map((j) => this.summary(j));
  }

  /** Runs an interrupted or paused job again through its kind's handler; the old entry becomes `resumed`. */
  async resume(id: string): Promise<{ jobId: string }> {
    const job = this.find(id);
    if (!job.resumable) {
      throw new AppError(
        'invalid_input',
        `This ${job.kind} cannot be run again (it is ${job.state}).`,
        'Only interrupted or paused jobs whose parameters were journalled whole can be run again.',
      );
    }
    const handler = this.resumers.get(job.kind) as ResumeHandler;
    const jobId = await handler(job);
    this.setState(id, 'resumed');
    return { jobId };
  }

  dismiss(id: string): JobSummary {
    const job = this.find(id);
    if (job.state !== 'interrupted' && job.state !== 'paused') {
      throw new AppError(
        'invalid_input',
        `Only an interrupted or paused job can be dismissed; this one is ${job.state}.`,
      );
    }
    this.setState(id, 'dismissed');
    return this.find(id);
  }

  /** Journalled jobs marked running whose process is gone become `interrupted`. */
  markInterrupted(): string[] {
    const alive = this.o.isProcessAlive ?? processAlive;
    const cut = this.journal.markInterrupted(
      this.o.clock.now(),
      (id, pid) => this.running.has(id) || (pid !== process.pid && alive(pid)),
    );
    for (const id of cut) this.publish(id);
    if (cut.length > 0) this.log.info({ jobs: cut.length }, 'interrupted jobs found');
    return cut;
  }

  private control(entry: Running): JobControl {
    const { id } = entry.spec;
    return {
      id,
      signal: entry.cancel.signal,
      pauseSignal: entry.pause.signal,
      step: async (name, run, params = {}) => {
        entry.pause.signal.throwIfAborted();
        const stepId = this.journal.startStep(id, name, params, this.o.clock.now());
        entry.step = name;
        this.publish(id);
        try {
          const value = await run();
          if (entry.pause.signal.aborted) entry.stopped = 'paused';
          else if (entry.cancel.signal.aborted) entry.stopped = 'cancelled';
          this.endStep(stepId, entry.stopped ?? 'done');
          return value;
        } catch (error) {
          this.endStep(stepId, isAppError(error) && error.code === 'cancelled' ? 'cancelled' : 'failed');
          throw error;
        }
      },
      note: (step, params) => this.journal.noteStep(id, step, params, this.o.clock.now()),
      relabel: (label) => {
        entry.spec.label = label;
        this.journal.setLabel(id, label, this.o.clock.now());
        this.publish(id);
      },
    };
  }

  private endStep(stepId: number, state: 'done' | 'failed' | 'cancelled' | 'paused'): void {
    try {
      this.journal.endStep(stepId, state, this.o.clock.now());
    } catch (error) {
      // The vault locked under the step: the journal keeps it `running`, and the next unlock lists the job.
      if (!isAppError(error) || error.code !== 'vault_locked') throw error;
    }
  }

  private end(entry: Running, state: JobState, errorCode: string | null = null): void {
    try {
      this.journal.setState(entry.spec.id, state, this.o.clock.now(), errorCode);
      this.publish(entry.spec.id);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'vault_locked') throw error;
    }
  }

  private setState(id: string, state: JobState): void {
    this.journal.setState(id, state, this.o.clock.now());
    this.publish(id);
  }

  private find(id: string): JobSummary {
    const job = this.journal.get(id);
    if (!job) throw new AppError('not_found', 'There is no such job in the journal.');
    return this.summary(job);
  }

  private summary(job: Omit<JobSummary, 'resumable'>): JobSummary {
    const { pid: _pid, ...rest } = job as Omit<JobSummary, 'resumable'> & { pid?: number };
    const resumable =
      (job.state === 'interrupted' || job.state === 'paused') && this.resumers.has(job.kind) && !job.params.truncated;
    return { ...rest, resumable };
  }

  private publish(id: string): void {
    if (!this.o.events) return;
    const job = this.journal.get(id);
    if (job) this.o.events.emit('jobs:updated', this.summary(job));
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
