// Schema 200: resources, accounts and secret versions, with cascades and state checks.
import { afterEach, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

it('schema 200 keeps one Kubernetes resource per (cluster, namespace) and cascades accounts and versions', () => {
  t = migratedTo(200);
  const db = t.db;
  db.prepare(
    "INSERT INTO resources (name, type, cluster_id, namespace, created_at) VALUES ('a-c', 'Kubernetes', 'c', 'a', 1)",
  ).run();
  expect(() =>
    db
      .prepare(
        "INSERT INTO resources (name, type, cluster_id, namespace, created_at) VALUES ('a-c', 'Kubernetes', 'c', 'a', 2)",
      )
      .run(),
  ).toThrow(/UNIQUE/);
  db.prepare(
    "INSERT INTO accounts (resource_id, name, secret_type, resource_version, first_seen, last_synced) VALUES (1, 's', 'Opaque', '5', 1, 1)",
  ).run();
  expect(() => db.prepare("UPDATE accounts SET state = 'gone' WHERE id = 1").run()).toThrow(/CHECK/);
  db.prepare(
    "INSERT INTO secret_versions (account_id, seen_at, resource_version, data) VALUES (1, 1, '5', '{}')",
  ).run();
  db.prepare('DELETE FROM resources WHERE id = 1').run();
  expect(db.prepare('SELECT count(*) AS n FROM secret_versions').get()).toEqual({ n: 0 });
});
