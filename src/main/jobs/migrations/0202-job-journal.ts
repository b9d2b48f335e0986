// Schema 202: the job journal, one row per job and one per step, written before and after each step runs.
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion202(db: WritableDB): void {
  db.exec(`
    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      -- What runs the job (fetch, sync, later rotation, session); picks the resume handler.
      kind TEXT NOT NULL,
      label TEXT NOT NULL,
      -- running, pausing, paused, done, failed, cancelled, interrupted, resumed, dismissed.
      state TEXT NOT NULL,
      -- Small JSON of non-secret parameters (cluster id, namespaces); never a value.
      params TEXT NOT NULL DEFAULT '{}',
      -- The process that runs it: a running job whose process is gone was interrupted.
      owner_pid INTEGER NOT NULL,
      step TEXT,
      error_code TEXT,
      started_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX jobs_state ON jobs (state, updated_at);
    CREATE TABLE job_steps (
      id INTEGER PRIMARY KEY,
      job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      step TEXT NOT NULL,
      -- running (written before the step), then done, failed, cancelled or paused (after it).
      state TEXT NOT NULL,
      params TEXT NOT NULL DEFAULT '{}',
      started_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX job_steps_job ON job_steps (job_id, id);
  `);
}
