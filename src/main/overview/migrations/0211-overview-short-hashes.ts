// Schema 211: value hashes cut to 64 bits and no index on them, so a fetch writes far fewer overview pages.
import { createSecretKey } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { WritableDB } from '../../vault/db';
import { VALUE_HASH_BYTES, valueHash } from '../detect';

/**
 * The reuse query groups the hashes when the overview opens (tens of thousands of 8-byte values sort in
 * milliseconds); keeping them indexed cost every fetch a random insert per value. Hashes written before
 * this version are 32 bytes: each is recomputed from its account's newest version, nothing else changes.
 */
export function updateToSchemaVersion211(db: WritableDB): void {
  db.exec('DROP INDEX IF EXISTS overview_values_hash');
  const key = db.prepare('SELECT hmac_key FROM overview_settings WHERE id = 1').pluck().get() as Buffer | undefined;
  if (!key) return;
  const hmacKey = createSecretKey(key);
  const accounts = db
    .prepare('SELECT DISTINCT account_id FROM overview_values WHERE length(hash) <> ?')
    .pluck()
    .all(VALUE_HASH_BYTES) as number[];
  const newest = db.prepare(
    'SELECT data FROM secret_versions WHERE account_id = ? ORDER BY id DESC LIMIT 1',
  ) as Database.Statement<[number], { data: string }>;
  const setHash = db.prepare('UPDATE overview_values SET hash = ? WHERE account_id = ? AND key = ?');
  const drop = db.prepare('DELETE FROM overview_values WHERE account_id = ? AND key = ?');
  const keys = db.prepare('SELECT key FROM overview_values WHERE account_id = ?').pluck() as Database.Statement<
    [number],
    string
  >;
  for (const id of accounts) {
    const data = JSON.parse(newest.get(id)?.data ?? '{}') as Record<string, string>;
    for (const k of keys.all(id)) {
      const b64 = data[k];
      if (b64 === undefined) {
        drop.run(id, k);
        continue;
      }
      const value = Buffer.from(b64, 'base64');
      setHash.run(valueHash(hmacKey, value), id, k);
      value.fill(0);
    }
  }
}
