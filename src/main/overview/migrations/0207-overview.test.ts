// Migration 207: the overview tables, a vault key for value hashes, and a one-time backfill from the value history.
import { afterEach, describe, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';
import { MIGRATIONS } from '../../vault/migrations/index';
import { runMigrations } from '../../vault/migrations/runner';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('migration 207 (overview)', () => {
  it('backfills findings of a vault fetched before it, with the last value change from the history', () => {
    t = migratedTo(204);
    const db = t.db;
    db.prepare(
      "INSERT INTO resources (id, name, type, cluster_id, namespace, created_at) VALUES (1, 'ns', 'Kubernetes', 'c', 'ns', 0)",
    ).run();
    const account = db.prepare(
      "INSERT INTO accounts (resource_id, name, secret_type, resource_version, first_seen, last_synced) VALUES (1, ?, 'Opaque', '1', 0, 0)",
    );
    const version = db.prepare(
      "INSERT INTO secret_versions (account_id, seen_at, resource_version, data) VALUES (?, ?, '1', ?)",
    );
    const a = Number(account.run('a').lastInsertRowid);
    const b = Number(account.run('b').lastInsertRowid);
    version.run(a, 100, JSON.stringify({ password: b64('old') }));
    version.run(a, 200, JSON.stringify({ password: b64('hunter2') }));
    version.run(a, 300, JSON.stringify({ password: b64('hunter2') }));
    version.run(b, 150, JSON.stringify({ other: b64('hunter2') }));
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
