// Migration 100: the clusters table, with names unique regardless of case.
import { afterEach, describe, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

describe('migration 100 (clusters)', () => {
  it('creates the clusters table and refuses a second cluster with the same name in another case', () => {
    t = migratedTo(100);
    const insert = t.db.prepare(
      'INSERT INTO clusters (id, name, server, ca_pem, token, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)',
    );
    insert.run('a', 'Prod', 'https://p', '', 't');
    expect(() => insert.run('b', 'prod', 'https://p', '', 't')).toThrow(/UNIQUE/);
    const row = t.db.prepare('SELECT options, last_test FROM clusters').get();
    expect(row).toEqual({ options: '{}', last_test: null });
  });
});
