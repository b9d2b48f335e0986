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

/** Base64 of a text, as Secret data holds it. */
export const b64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * Accounts in one resource (cluster `c`, namespace `ns`), each with its versions as sync stores them:
 * `[seenAt, data]` with plain-text values. Returns the account ids by name. For migration tests.
 */
export function seedAccounts<N extends string>(
  db: WritableDB,
  accounts: Record<N, [number, Record<string, string>][]>,
): Record<N, number> {
  db.prepare(
    "INSERT INTO resources (id, name, type, cluster_id, namespace, created_at) VALUES (1, 'ns', 'Kubernetes', 'c', 'ns', 0)",
  ).run();
  const account = db.prepare(
    "INSERT INTO accounts (resource_id, name, secret_type, resource_version, first_seen, last_synced) VALUES (1, ?, 'Opaque', '1', 0, 0)",
  );
  const version = db.prepare(
    "INSERT INTO secret_versions (account_id, seen_at, resource_version, data) VALUES (?, ?, '1', ?)",
  );
  const ids = {} as Record<N, number>;
  for (const [name, versions] of Object.entries(accounts) as [N, [number, Record<string, string>][]][]) {
    const id = Number(account.run(name).lastInsertRowid);
    ids[name] = id;
    for (const [seenAt, data] of versions)
      version.run(id, seenAt, JSON.stringify(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]))));
  }
  return ids;
}
