// Schema 209: rotations and schedules belong to an account, go with it, and accept only known states.
import { afterEach, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

it('schema 209 checks rotation states and removes rotations and schedules with their account', () => {
  t = migratedTo(209);
  const db = t.db;
  db.prepare(
    "INSERT INTO resources (id, name, type, cluster_id, namespace, scope, created_at) VALUES (1, 'db', 'PostgreSQL', NULL, NULL, 'selected', 1)",
  ).run();
  db.prepare(
    "INSERT INTO rotation_targets (resource_id, host, port, tls_mode, admin_user, admin_password, policy) VALUES (1, 'h', 5432, 'disable', 'a', 'p', '{}')",
  ).run();
  db.prepare(
    "INSERT INTO target_accounts (id, resource_id, name, password, created_at) VALUES (7, 1, 'app', 'x', 1)",
  ).run();
  const insert = db.prepare(
    "INSERT INTO rotations (id, target_account_id, state, restart, job_id, started_at, updated_at) VALUES (?, 7, ?, 1, 'j', 1, 1)",
  );
  insert.run('r1', 'in_progress');
  expect(() => insert.run('r2', 'half-done')).toThrow(/CHECK/);
  db.prepare(
    "INSERT INTO rotation_schedules (target_account_id, cron, enabled, restart) VALUES (7, '0 3 * * *', 1, 1)",
  ).run();
  db.prepare('DELETE FROM target_accounts WHERE id = 7').run();
  expect(db.prepare('SELECT count(*) AS n FROM rotations').get()).toEqual({ n: 0 });
  expect(db.prepare('SELECT count(*) AS n FROM rotation_schedules').get()).toEqual({ n: 0 });
});
