// Schema 203: access accounts are unique per cluster, and a session's requests go with it.
import { afterEach, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

it('schema 203 keeps one access account name per cluster and cascades a session to its requests', () => {
  t = migratedTo(203);
  const db = t.db;
  const account = db.prepare(
    "INSERT INTO access_accounts (cluster_id, name, namespace, service_account, created_at) VALUES ('c', 'ops', 'ns', 'sa', 1)",
  );
  account.run();
  expect(() => account.run()).toThrow(/UNIQUE/);
  db.prepare(
    "INSERT INTO access_sessions (id, cluster_id, cluster_name, account, service_account, actor, started_at, expires_at) VALUES ('s', 'c', 'c', 'view', 'ns/sa', 'me', 1, 2)",
  ).run();
  expect(() => db.prepare("UPDATE access_sessions SET end_reason = 'whenever' WHERE id = 's'").run()).toThrow(/CHECK/);
  db.prepare(
    "INSERT INTO access_requests (session_id, at, method, path, verb, status, latency_ms, bytes_in, bytes_out, command) VALUES ('s', 1, 'GET', '/api', 'get', 200, 1, 0, 10, 'kubectl api-versions')",
  ).run();
  db.prepare("DELETE FROM access_sessions WHERE id = 's'").run();
  expect(db.prepare('SELECT count(*) AS n FROM access_requests').get()).toEqual({ n: 0 });
});
