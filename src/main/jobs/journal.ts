// The job journal in the vault: a row per job and per step, so a restart knows what a crash cut off.
import type { JobParams, JobState, JobSummary } from '../../shared/ipc/jobs';
import type { WritableDB } from '../vault/db';

/** Journalled jobs kept once they have ended; older ones are pruned when a new job starts. */
const KEEP_ENDED = 200;
/** Parameters above this size are cut to their scalars: the journal holds a summary, not a payload. */
const MAX_PARAMS_CHARS = 4000;

export type StepState = 'running' | 'done' | 'failed' | 'cancelled' | 'paused';

/** One journalled step of a job. */
export interface StepRecord {
  id: number;
  step: string;
  state: StepState;
  params: JobParams;
  startedAt: number;
  finishedAt: number | null;
}

interface JobRow {
  id: string;
  kind: string;
  label: string;
  state: JobState;
  params: string;
  owner_pid: number;
  step: string | null;
  error_code: string | null;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
}

const ENDED: readonly JobState[] = ['done', 'failed', 'cancelled', 'resumed', 'dismissed'];

/** Keeps parameters small: long lists are replaced by their length (`<key>Count`). */
export function smallParams(params: JobParams): JobParams {
  if (JSON.stringify(params).length <= MAX_PARAMS_CHARS) return params;
  const out: JobParams = { truncated: true };
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) out[`${k}Count`] = v.length;
    else out[k] = v;
  }
  return out;
}

export class JobJournal {
  /** `db` is called at each write: the vault may have locked in between. */
  constructor(private readonly db: () => WritableDB) {}

  begin(job: { id: string; kind: string; label: string; params: JobParams; pid: number; at: number }): void {
    const db = this.db();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO jobs (id, kind, label, state, params, owner_pid, started_at, updated_at)
         VALUES (?, ?, ?, 'running', ?, ?, ?, ?)`,
      ).run(job.id, job.kind, job.label, JSON.stringify(smallParams(job.params)), job.pid, job.at, job.at);
      const ended = `(${ENDED.map(() => '?').join(', ')})`;
      db.prepare(
        `DELETE FROM jobs WHERE state IN ${ended} AND id NOT IN
           (SELECT id FROM jobs WHERE state IN ${ended} ORDER BY updated_at DESC LIMIT ?)`,
      ).run(...ENDED, ...ENDED, KEEP_ENDED);
    })();
  }

  /** Written before the step runs; returns the step's row id for `endStep`. */
  startStep(jobId: string, step: string, params: JobParams, at: number): number {
    const db = this.db();
    return db.transaction(() => {
      db.prepare('UPDATE jobs SET step = ?, updated_at = ? WHERE id = ?').run(step, at, jobId);
      return Number(
        db
          .prepare(`INSERT INTO job_steps (job_id, step, state, params, started_at) VALUES (?, ?, 'running', ?, ?)`)
          .run(jobId, step, JSON.stringify(smallParams(params)), at).lastInsertRowid,
      );
    })();
  }

  /** Written after the step ran (or failed). */
  endStep(stepId: number, state: Exclude<StepState, 'running'>, at: number): void {
    this.db().prepare('UPDATE job_steps SET state = ?, finished_at = ? WHERE id = ?').run(state, at, stepId);
  }

  /** A step the job did inside a larger one (a namespace committed during the write step), written once done. */
  noteStep(jobId: string, step: string, params: JobParams, at: number): void {
    this.db()
      .prepare(
        `INSERT INTO job_steps (job_id, step, state, params, started_at, finished_at) VALUES (?, ?, 'done', ?, ?, ?)`,
      )
      .run(jobId, step, JSON.stringify(smallParams(params)), at, at);
  }

  setLabel(jobId: string, label: string, at: number): void {
    this.db().prepare('UPDATE jobs SET label = ?, updated_at = ? WHERE id = ?').run(label, at, jobId);
  }

  setState(jobId: string, state: JobState, at: number, errorCode: string | null = null): void {
    const finished = ENDED.includes(state) || state === 'paused' ? at : null;
    this.db()
      .prepare('UPDATE jobs SET state = ?, updated_at = ?, finished_at = ?, error_code = ? WHERE id = ?')
      .run(state, at, finished, errorCode, jobId);
  }

  /**
   * Marks as interrupted every job the journal says is running but whose process is gone or is this
   * one without it in memory (a lock cut it, or this process restarted with the same pid).
   */
  markInterrupted(at: number, isLive: (id: string, pid: number) => boolean): string[] {
    const db = this.db();
    const rows = db.prepare(`SELECT id, owner_pid FROM jobs WHERE state IN ('running', 'pausing')`).all() as {
      id: string;
      owner_pid: number;
    }[];
    const cut = rows.filter((r) => !isLive(r.id, r.owner_pid)).map((r) => r.id);
    const update = db.prepare(`UPDATE jobs SET state = 'interrupted', updated_at = ? WHERE id = ?`);
    db.transaction(() => {
      for (const id of cut) update.run(at, id);
    })();
    return cut;
  }

  get(jobId: string): (Omit<JobSummary, 'resumable'> & { pid: number }) | undefined {
    const row = this.db().prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as JobRow | undefined;
    return row ? toSummary(row) : undefined;
  }

  list(filter: { state?: JobState; limit?: number } = {}): Omit<JobSummary, 'resumable'>[] {
    const rows = (
      filter.state
        ? this.db()
            .prepare('SELECT * FROM jobs WHERE state = ? ORDER BY started_at DESC, rowid DESC LIMIT ?')
            .all(filter.state, filter.limit ?? 100)
        : this.db()
            .prepare('SELECT * FROM jobs ORDER BY started_at DESC, rowid DESC LIMIT ?')
            .all(filter.limit ?? 100)
    ) as JobRow[];
    return rows.map(toSummary);
  }

  steps(jobId: string): StepRecord[] {
    const rows = this.db()
      .prepare('SELECT id, step, state, params, started_at, finished_at FROM job_steps WHERE job_id = ? ORDER BY id')
      .all(jobId) as {
      id: number;
      step: string;
      state: StepState;
      params: string;
      started_at: number;
      finished_at: number | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      step: r.step,
      state: r.state,
      params: JSON.parse(r.params) as JobParams,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    }));
  }
}

function toSummary(row: JobRow): Omit<JobSummary, 'resumable'> & { pid: number } {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    state: row.state,
    step: row.step,
    params: JSON.parse(row.params) as JobParams,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    errorCode: row.error_code,
    pid: row.owner_pid,
  };
}
