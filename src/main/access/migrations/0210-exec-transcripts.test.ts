// Schema 210: sessions made before it record no exec transcripts; requests can carry one.
import { afterEach, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

it('schema 210 defaults record_exec to off, refuses other values, and stores a transcript per request', () => {
  t = migratedTo(210);
  const db = t.db;
  db.prepare(
    "INSERT INTO access_sessions (id, cluster_id, cluster_name, account, service_account, actor, started_at, expires_at) VALUES ('s', 'c', 'c', 'edit', 'ns/sa', 'me', 1, 2)",
  ).run();
  expect(db.prepare("SELECT record_exec FROM access_sessions WHERE id = 's'").get()).toEqual({ record_exec: 0 });
  expect(() => db.prepare("UPDATE access_sessions SET record_exec = 2 WHERE id = 's'").run()).toThrow(/CHECK/);
  db.prepare(
    "INSERT INTO access_requests (session_id, at, method, path, verb, status, latency_ms, bytes_in, bytes_out, command, transcript) VALUES ('s', 1, 'GET', '/x', 'exec', 101, 1, 0, 0, 'kubectl exec', '{}')",
  ).run();
  expect(db.prepare('SELECT transcript FROM access_requests').get()).toEqual({ transcript: '{}' });
});
