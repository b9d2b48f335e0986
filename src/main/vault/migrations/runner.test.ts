// The migration runner: ordered versions, one transaction, user_version, refusal of a newer vault.
import { afterEach, describe, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';
import { MIGRATIONS } from './index';
import { assertOrdered, type Migration, runMigrations, schemaVersion } from './runner';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

function fresh(version: number) {
  t = migratedTo(version);
  return t.db;
}

const make = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

describe('runMigrations', () => {
  it('the shipped list is strictly increasing', () => {
    expect(() => assertOrdered(MIGRATIONS)).not.toThrow();
  });

  it('rejects a list whose versions do not increase', () => {
    expect(() => assertOrdered([make(2, ''), make(2, '')])).toThrow(/does not follow/);
    expect(() => assertOrdered([make(3, ''), make(1, '')])).toThrow(/does not follow/);
  });

  it('applies only pending migrations and sets user_version to the newest', () => {
    const db = fresh(0);
    expect(runMigrations(db, [make(1, 'CREATE TABLE a (x)')])).toEqual({ from: 0, to: 1, applied: [1] });
    const out = runMigrations(db, [make(1, 'CREATE TABLE a (x)'), make(5, 'CREATE TABLE b (x)')]);
    expect(out).toEqual({ from: 1, to: 5, applied: [5] });
    expect(schemaVersion(db)).toBe(5);
  });

  it('rolls back every pending migration when one fails', () => {
    const db = fresh(0);
    expect(() => runMigrations(db, [make(1, 'CREATE TABLE a (x)'), make(2, 'THIS IS NOT SQL')])).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'a'`).pluck().get()).toBe(0);
  });

  it('refuses a vault from a future version with a clear error', () => {
    const db = fresh(0);
    db.pragma('user_version = 9999');
    expect(() => runMigrations(db, MIGRATIONS)).toThrow(
      expect.objectContaining({ code: 'unsupported', message: expect.stringMatching(/newer Strongroom/) }),
    );
  });
});
