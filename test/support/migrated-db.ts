// Test helpers for any domain: a throwaway encrypted vault DB, migrated to a chosen schema version.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEncryptedDb, type WritableDB } from '../../src/main/vault/db';
import { MIGRATIONS } from '../../src/main/vault/migrations/index';
import { runMigrations } from '../../src/main/vault/migrations/runner';

export interface TestDb {
  db: WritableDB;
  dir: string;
  file: string;
  /** Closes the handle and removes the temporary directory. */
  dispose(): void;
}

/** Opens a fresh encrypted DB in a temp dir, migrated up to and including `version` (default: all). */
export function migratedTo(version = Number.POSITIVE_INFINITY): TestDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-db-'));
  const file = path.join(dir, 'vault.db');
  const db = openEncryptedDb(file, crypto.randomBytes(32));
  runMigrations(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  return {
    db,
    dir,
    file,
    dispose() {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
