// Migration 208: dismissals and rules go with the Secret or account they name.
import { afterEach, expect, it } from 'vitest';
import { seedFetchedSecret } from '../../../../test/support/fetched-secret';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

it('creates the dismissal and rule tables, which follow deletes of Secrets and accounts', () => {
  t = migratedTo(208);
  const db = t.db;
  const secret = seedFetchedSecret(db, 'ns', 's', { password: 'x' });
  db.prepare("INSERT INTO resources (id, name, type, created_at) VALUES (50, 'pg', 'PostgreSQL', 0)").run();
  db.prepare(
    "INSERT INTO rotation_targets (resource_id, host, port, tls_mode, admin_user, admin_password, policy) VALUES (50, 'h', 5432, 'disable', 'a', 'b', '{}')",
  ).run();
  db.prepare(
    "INSERT INTO target_accounts (id, resource_id, name, password, created_at) VALUES (7, 50, 'app', 'p', 0)",
  ).run();
  db.prepare("INSERT INTO mapping_dismissals VALUES (?, 'password', 7, 1)").run(secret);
  db.prepare(
    "INSERT INTO mapping_rules (namespace_glob, secret_glob, key_glob, target_account_id, created_at) VALUES ('*', '*', '*', 7, 1)",
  ).run();
  expect(() =>
    db
      .prepare(
        "INSERT INTO mapping_rules (namespace_glob, secret_glob, key_glob, target_account_id, created_at) VALUES ('*', '*', '*', 7, 2)",
      )
      .run(),
  ).toThrow(/UNIQUE/);

  db.prepare('DELETE FROM accounts WHERE id = ?').run(secret);
  expect(db.prepare('SELECT count(*) AS n FROM mapping_dismissals').get()).toEqual({ n: 0 });
  db.prepare('DELETE FROM target_accounts WHERE id = 7').run();
  expect(db.prepare('SELECT count(*) AS n FROM mapping_rules').get()).toEqual({ n: 0 });
});
