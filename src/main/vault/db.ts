// Opens the encrypted SQLite file (SQLCipher via better-sqlite3-multiple-ciphers) and defines the branded handles.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';

type Sqlite = Database.Database;

/** A prepared statement that can only hand back rows: no `run`, so it cannot be used to write. */
export interface ReadStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  pluck(toggleState?: boolean): ReadStatement;
}

/**
 * A handle that may only read: `prepare` of statements to `get`, `all`, `iterate` or `pluck`, and no
 * `exec`, `run`, `pragma` or `transaction`. Writable handles are also readable, never the other way
 * round, so writing through a read handle, or passing one to a function that writes, is a type error.
 */
export interface ReadableDB {
  prepare(sql: string): ReadStatement;
}
/** A handle that may write: what migrations and repositories take. Only the vault hands these out. */
export type WritableDB = Sqlite & { readonly __writable: unique symbol };

/** The first 16 bytes of every unencrypted SQLite file. An encrypted vault must never start with them. */
export const PLAINTEXT_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Builds the key clause `x'<hex>'` in a Buffer we can zero afterwards, instead of a JS string
 * (strings are immutable and would leave the key in the heap until collected).
 */
function rawKeyClause(key: Buffer): Buffer {
  const hex = '0123456789abcdef';
  const out = Buffer.alloc(3 + key.length * 2);
  out[0] = 0x78; // x
  out[1] = 0x27; // '
  for (let i = 0; i < key.length; i++) {
    const byte = key[i] as number;
    out[2 + i * 2] = hex.charCodeAt(byte >> 4);
    out[3 + i * 2] = hex.charCodeAt(byte & 15);
  }
  out[out.length - 1] = 0x27;
  return out;
}

/**
 * Opens (or creates) the vault file keyed with the raw 256-bit vault key. The key is used as-is,
 * without SQLCipher's PBKDF2, because it is random, never a passphrase.
 * Throws `bad_file` when the key does not open the file.
 */
export function openEncryptedDb(file: string, key: Buffer): WritableDB {
  if (key.length !== 32) throw new Error('vault key must be 32 bytes');
  // SQLite would create the file 0644; the WAL and -shm files copy the main file's mode.
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'wx', 0o600));
  else if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
  const db = new Database(file);
  const clause = rawKeyClause(key);
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    // key() is the cipher build's addition to the better-sqlite3 API.
    (db as unknown as { key(key: Buffer): number }).key(clause);
    // The first read proves the key: a wrong key reads as "file is not a database".
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = WAL');
    db.pragma('secure_delete = ON');
    // Sorts and temp indexes never spill to unencrypted temp files.
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new AppError(
        'bad_file',
        'The vault file could not be opened with this key.',
        'The key file and vault.db in the data directory belong to different vaults, or vault.db is damaged. Restore both from the same backup.',
        { cause: error },
      );
    }
    throw error;
  } finally {
    clause.fill(0);
  }
  return db as WritableDB;
}

/** True when the file exists and starts with the plaintext SQLite header (which an encrypted vault never does). */
export function looksUnencrypted(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    return head.equals(PLAINTEXT_SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}
