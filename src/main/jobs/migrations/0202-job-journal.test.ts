// Migration 202: the jobs and job_steps tables; a job's steps go with it.
import { afterEach, describe, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

describe('migration 202 (job journal)', () => {
  it('creates jobs and job_steps, and deleting a job deletes its steps', () => {
    t = migratedTo(202);
    t.db.pragma('foreign_keys = ON');
    t.db
      .prepare(
        `INSERT INTO jobs (id, kind, label, state, owner_pid, started_at, updated_at) VALUES ('j', 'fetch', 'f', 'running', 1, 0, 0)`,
      )
      .run();
    t.db.prepare(`INSERT INTO job_steps (job_id, step, state, started_at) VALUES ('j', 'plan', 'running', 0)`).run();
    expect(t.db.prepare('SELECT params, step, finished_at FROM jobs').get()).toEqual({
      params: '{}',
      step: null,
      finished_at: null,
    });
    t.db.prepare(`DELETE FROM jobs WHERE id = 'j'`).run();
    expect(t.db.prepare('SELECT count(*) FROM job_steps').pluck().get()).toBe(0);
  });
});
