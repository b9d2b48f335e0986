// The encrypted file: no plaintext header, wrong key refused, WAL and in-memory temp storage.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { looksUnencrypted, openEncryptedDb, PLAINTEXT_SQLITE_HEADER } from './db';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-dbtest-'));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('writes a file without the SQLite header and reopens only with the same key', () => {
  const file = path.join(dir, 'v.db');
  const key = crypto.randomBytes(32);
  const db = openEncryptedDb(file, key);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('temp_store', { simple: true })).toBe(2);
  expect(db.pragma('secure_delete', { simple: true })).toBe(1);
  db.exec(`CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('planted-name-zq81')`);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
  db.close();
  expect(fs.readFileSync(file).subarray(0, 16).equals(PLAINTEXT_SQLITE_HEADER)).toBe(false);
  expect(looksUnencrypted(file)).toBe(false);
  expect(fs.readFileSync(file).includes('planted-name-zq81')).toBe(false);
  expect(() => openEncryptedDb(file, crypto.randomBytes(32))).toThrow(expect.objectContaining({ code: 'bad_file' }));
  const again = openEncryptedDb(file, key);
  expect(again.prepare('SELECT x FROM t').pluck().get()).toBe('planted-name-zq81');
  again.close();
});
