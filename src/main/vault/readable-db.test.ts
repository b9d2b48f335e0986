// ReadableDB reads through a writable handle and refuses every write at type level (tsc checks the expect-errors).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openEncryptedDb, type ReadableDB, type WritableDB } from './db';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-readable-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Tries every write a read handle must not offer; each line is a type error, so tsc fails if one compiles. */
function writesThrough(db: ReadableDB): void {
  // @ts-expect-error a read handle has no exec
  db.exec('DELETE FROM t');
  // @ts-expect-error a read statement has no run
  db.prepare('DELETE FROM t').run();
  // @ts-expect-error a read handle has no transaction
  db.transaction(() => undefined);
  // @ts-expect-error a read handle has no pragma
  db.pragma('user_version = 9');
}

/** A function that writes, to prove a read handle cannot be passed where a writable one is needed. */
function insert(db: WritableDB, x: string): void {
  db.prepare('INSERT INTO t VALUES (?)').run(x);
}

it('reads rows through a writable handle typed as ReadableDB, and the read handle offers no write', () => {
  const db = openEncryptedDb(path.join(dir, 'v.db'), crypto.randomBytes(32));
  db.exec('CREATE TABLE t (x TEXT)');
  insert(db, 'a');
  insert(db, 'b');
  const read: ReadableDB = db;
  expect(read.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual(['a', 'b']);
  expect(read.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
  expect([...read.prepare('SELECT x FROM t ORDER BY x').iterate()]).toEqual([{ x: 'a' }, { x: 'b' }]);
  db.close();
});

it('code written against ReadableDB finds no write method on a handle that only reads', () => {
  const onlyReads: ReadableDB = {
    prepare: () => ({
      get: () => 0,
      all: () => [],
      iterate: () => [][Symbol.iterator](),
      pluck: () => onlyReads.prepare(''),
    }),
  };
  expect(() => writesThrough(onlyReads)).toThrow(TypeError);
  // @ts-expect-error a read handle is not a writable one
  expect(() => insert(onlyReads, 'c')).toThrow(TypeError);
});
