// Migration 211: 32-byte value hashes of an older vault become the 64-bit ones sync now writes; the hash index goes.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { b64, migratedTo, seedAccounts, type TestDb } from '../../../../test/support/migrated-db';
import { MIGRATIONS } from '../../vault/migrations/index';
import { runMigrations } from '../../vault/migrations/runner';
import { recordFindings } from '../precompute';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

describe('migration 211 (overview short hashes)', () => {
  it('rehashes 32-byte hashes to the ones a fetch writes now, keeps the rest, and drops the hash index', () => {
    t = migratedTo(210);
    const db = t.db;
    const { a, b } = seedAccounts(db, {
      a: [[100, { password: 'hunter2' }]],
      b: [[150, { other: 'hunter2', gone: 'x' }]],
    });
    // As schema 210 wrote them: full 32-byte HMACs, plus a row for a key the newest version lacks.
    const key = db.prepare('SELECT hmac_key FROM overview_settings').pluck().get() as Buffer;
    const full = createHmac('sha256', key).update('hunter2').digest();
    const row = db.prepare('INSERT INTO overview_values (account_id, key, hash, weak) VALUES (?, ?, ?, ?)');
    row.run(a, 'password', full, 'short');
    row.run(b, 'other', full, null);
    row.run(b, 'stale', full, null);
    db.prepare('INSERT INTO overview_changes (account_id, value_changed_at) VALUES (?, 77)').run(a);

    runMigrations(db, MIGRATIONS);

    const rows = db.prepare('SELECT account_id, key, hash, weak FROM overview_values ORDER BY 1, 2').raw().all();
    const short = full.subarray(0, 8);
    expect(rows).toEqual([
      [a, 'password', short, 'short'],
      [b, 'other', short, null],
    ]);
    expect(db.prepare('SELECT value_changed_at FROM overview_changes').pluck().all()).toEqual([77]);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'overview_values_hash'").pluck().get()).toBe(0);
    // What a fetch writes now for the same value is the very same hash: the reuse finding still pairs them.
    recordFindings(db, [{ accountId: b, data: { other: b64('hunter2') }, at: 150 }]);
    expect(db.prepare('SELECT hash FROM overview_values WHERE account_id = ?').pluck().get(b)).toEqual(short);
  });
});
