// Schema 209: one row per rotation (state, step, old and new password for resume and roll back) and per-account rotation schedules.
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion209(db: WritableDB): void {
  db.exec(`
    -- A rotation of one account, across the jobs that ran it (the first run, resumes, a roll back).
    -- The passwords are kept (the vault encrypts the file) so that an interrupted rotation can be
    -- resumed or rolled back; a newer rotation of the same account clears them.
    CREATE TABLE rotations (
      id TEXT PRIMARY KEY,
      target_account_id INTEGER NOT NULL REFERENCES target_accounts (id) ON DELETE CASCADE,
      state TEXT NOT NULL CHECK (state IN ('in_progress', 'failed', 'completed', 'rolled_back')),
      -- The last step started: generate, change, verify, write, restart, or restore (roll back).
      step TEXT,
      restart INTEGER NOT NULL CHECK (restart IN (0, 1)),
      old_password TEXT,
      new_password TEXT,
      error_code TEXT,
      -- The job that ran it last (jobs.id); the journal's own row may have been pruned since.
      job_id TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX rotations_account ON rotations (target_account_id, started_at);

    -- Rotate an account on a cron schedule while the app is open and the vault unlocked.
    CREATE TABLE rotation_schedules (
      target_account_id INTEGER PRIMARY KEY REFERENCES target_accounts (id) ON DELETE CASCADE,
      cron TEXT NOT NULL,
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      restart INTEGER NOT NULL CHECK (restart IN (0, 1)),
      last_run INTEGER,
      last_outcome TEXT
    ) STRICT;
  `);
}
