// Writes the overview's findings for a Secret version as sync stores it, and backfills them once for older vaults.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { WritableDB } from '../vault/db';
import { certificatesIn, valueHash, weakness } from './detect';

type Stmts = ReturnType<typeof prepare>;
const cache = new WeakMap<WritableDB, Stmts>();

function prepare(db: WritableDB) {
  const key = db.prepare('SELECT hmac_key FROM overview_settings WHERE id = 1').pluck().get() as Buffer;
  return {
    key,
    oldHashes: db.prepare('SELECT key, hash FROM overview_values WHERE account_id = ?') as Database.Statement<
      [number],
      { key: string; hash: Buffer }
    >,
    clearValues: db.prepare('DELETE FROM overview_values WHERE account_id = ?'),
    clearCerts: db.prepare('DELETE FROM overview_certificates WHERE account_id = ?'),
    insertValue: db.prepare('INSERT INTO overview_values (account_id, key, hash, weak) VALUES (?, ?, ?, ?)'),
    insertCert: db.prepare(
      'INSERT INTO overview_certificates (account_id, key, subject, issuer, not_after) VALUES (?, ?, ?, ?, ?)',
    ),
    setChanged: db.prepare(
      'INSERT INTO overview_changes (account_id, value_changed_at) VALUES (?, ?) ON CONFLICT(account_id) DO UPDATE SET value_changed_at = excluded.value_changed_at',
    ),
  };
}

function stmts(db: WritableDB): Stmts {
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

function sameHashes(old: Map<string, Buffer>, next: Map<string, Buffer>): boolean {
  if (old.size !== next.size) return false;
  for (const [k, h] of next) if (!old.get(k)?.equals(h)) return false;
  return true;
}

/**
 * Replaces an account's findings with those of its newest data (`{"key": "<base64>"}`). `changedAt`
 * is when the values changed, used only when they differ from the findings already stored.
 */
export function recordFindings(
  db: WritableDB,
  accountId: number,
  data: Record<string, string>,
  changedAt: number,
): void {
  const s = stmts(db);
  const old = new Map(s.oldHashes.all(accountId).map((r) => [r.key, r.hash]));
  s.clearValues.run(accountId);
  s.clearCerts.run(accountId);
  const next = new Map<string, Buffer>();
  for (const [key, b64] of Object.entries(data)) {
    const value = Buffer.from(b64, 'base64');
    const hash = valueHash(s.key, value);
    next.set(key, hash);
    s.insertValue.run(accountId, key, hash, weakness(key, value));
    for (const c of certificatesIn(value)) s.insertCert.run(accountId, key, c.subject, c.issuer, c.notAfter);
    value.fill(0);
  }
  if (old.size === 0 || !sameHashes(old, next)) s.setChanged.run(accountId, changedAt);
}

/** Computes the findings of every account from its newest version, and when its values last changed. */
export function backfillFindings(db: WritableDB): number {
  const ids = db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as number[];
  const versions = db.prepare(
    'SELECT seen_at, data FROM secret_versions WHERE account_id = ? ORDER BY id DESC',
  ) as Database.Statement<[number], { seen_at: number; data: string }>;
  let done = 0;
  for (const id of ids) {
    const history = versions.all(id);
    const newest = history[0];
    if (!newest) continue;
    // The values last changed at the oldest version of the newest run of identical data.
    let changedAt = newest.seen_at;
    for (const v of history) {
      if (v.data !== newest.data) break;
      changedAt = v.seen_at;
    }
    recordFindings(db, id, JSON.parse(newest.data) as Record<string, string>, changedAt);
    done++;
  }
  return done;
}
