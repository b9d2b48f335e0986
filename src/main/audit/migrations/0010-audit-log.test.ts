// Schema 10: audit events are append-only and the head table holds a single row.
import { afterEach, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

it('schema 10 creates an append-only audit_events table and a one-row audit_head', () => {
  t = migratedTo(10);
  const insert = t.db.prepare(
    `INSERT INTO audit_events (seq, time, actor, action, target, outcome, details, prev, hash) VALUES (?, 1, 'a', 'x', 't', 'ok', '{}', 'p', 'h')`,
  );
  insert.run(1);
  expect(() => t?.db.exec(`UPDATE audit_events SET target = 'other'`)).toThrow(/append-only/);
  expect(() => t?.db.exec('DELETE FROM audit_events')).toThrow(/append-only/);
  t.db.exec(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 1, 'h')`);
  expect(() => t?.db.exec(`INSERT INTO audit_head (id, seq, hash) VALUES (2, 1, 'h')`)).toThrow(/CHECK/);
});
