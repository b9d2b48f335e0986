// Migration 207: the overview tables, a vault key for value hashes, and a one-time backfill from the value history.
import { afterEach, describe, expect, it } from 'vitest';
import { migratedTo, seedAccounts, type TestDb } from '../../../../test/support/migrated-db';
import { MIGRATIONS } from '../../vault/migrations/index';
import { runMigrations } from '../../vault/migrations/runner';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

describe('migration 207 (overview)', () => {
  it('backfills findings of a vault fetched before it, with the last value change from the history', () => {
    t = migratedTo(204);
    const db = t.db;
    const { a, b } = seedAccounts(db, {
      a: [
        [100, { password: 'old' }],
        [200, { password: 'hunter2' }],
        [300, { password: 'hunter2' }],
      ],
      b: [[150, { other: 'hunter2' }]],
    });
    runMigrations(db, MIGRATIONS);

    expect(db.prepare('SELECT length(hmac_key), stale_days FROM overview_settings').raw().get()).toEqual([32, 90]);
    expect(db.prepare('SELECT account_id, value_changed_at FROM overview_changes ORDER BY 1').raw().all()).toEqual([
      [a, 200],
      [b, 150],
    ]);
    const rows = db.prepare('SELECT account_id, key, hash, weak FROM overview_values ORDER BY 1').all() as {
      key: string;
      hash: Buffer;
      weak: string | null;
    }[];
    expect(rows.map((r) => [r.key, r.weak])).toEqual([
      ['password', 'short'],
      ['other', null],
    ]);
    // The same value in two places has one keyed hash, which is not the value.
    expect(rows[0]?.hash.equals(rows[1]?.hash as Buffer)).toBe(true);
    expect(rows[0]?.hash.includes(Buffer.from('hunter2'))).toBe(false);
  });
});
