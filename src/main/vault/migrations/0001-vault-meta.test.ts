// Schema 1: vault_meta holds one value per key.
import { afterEach, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

function fresh(version: number) {
  t = migratedTo(version);
  return t.db;
}

it('schema 1 creates vault_meta with unique keys', () => {
  const db = fresh(1);
  db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?)').run('vault_id', 'abc');
  expect(() => db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?)').run('vault_id', 'def')).toThrow(
    /UNIQUE/,
  );
  expect(() => db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?)').run('n', Buffer.from('x'))).toThrow(
    /cannot store BLOB/,
  );
});
