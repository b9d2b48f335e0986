// Writes the overview's findings for a Secret version as sync stores it, and backfills them once for older vaults.
import { createSecretKey } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { WrittenVersion } from '../resources/version-hooks';
import type { WritableDB } from '../vault/db';
import { certificatesIn, valueHash, weakness } from './detect';

type Stmts = ReturnType<typeof prepare>;
const cache = new WeakMap<WritableDB, Stmts>();

function prepare(db: WritableDB) {
  const key = db.prepare('SELECT hmac_key FROM overview_settings WHERE id = 1').pluck().get() as Buffer;
  return {
    // A KeyObject: HMAC with a raw Buffer key re-validates the key on every call, the bulk of a fetch's hashing.
    key: createSecretKey(key),
    oldHashes: db.prepare(
      'SELECT account_id AS id, key, hash FROM overview_values WHERE account_id IN (SELECT value FROM json_each(?))',
    ) as Database.Statement<[string], { id: number; key: string; hash: Buffer }>,
    clearValues: db.prepare('DELETE FROM overview_values WHERE account_id IN (SELECT value FROM json_each(?))'),
    clearCerts: db.prepare('DELETE FROM overview_certificates WHERE account_id IN (SELECT value FROM json_each(?))'),
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

/** Splits versions into runs in which each account appears once, so a run can be handled as a set. */
function distinctRuns(versions: readonly WrittenVersion[]): WrittenVersion[][] {
  const runs: WrittenVersion[][] = [];
  let run: WrittenVersion[] = [];
  let ids = new Set<number>();
  for (const v of versions) {
    if (ids.has(v.accountId)) {
      runs.push(run);
      run = [];
      ids = new Set();
    }
    run.push(v);
    ids.add(v.accountId);
  }
  runs.push(run);
  return runs;
}

interface Decoded {
  version: WrittenVersion;
  values: Map<string, Buffer>;
  hashes: Map<string, Buffer>;
}

/** Findings of one run (distinct accounts): only accounts whose value hashes changed are cleared and recomputed. */
function recordRun(s: Stmts, run: readonly WrittenVersion[]): void {
  const ids = JSON.stringify(run.map((v) => v.accountId));
  const old = new Map<number, Map<string, Buffer>>();
  for (const r of s.oldHashes.iterate(ids)) {
    const hashes = old.get(r.id) ?? new Map<string, Buffer>();
    hashes.set(r.key, r.hash);
    old.set(r.id, hashes);
  }
  const redo: Decoded[] = [];
  for (const version of run) {
    const values = new Map<string, Buffer>();
    const hashes = new Map<string, Buffer>();
    for (const [key, b64] of Object.entries(version.data)) {
      const value = Buffer.from(b64, 'base64');
      values.set(key, value);
      hashes.set(key, valueHash(s.key, value));
    }
    const before = old.get(version.accountId);
    // Same values as the findings already stored: they stand, and so does when the values last changed.
    if (before && sameHashes(before, hashes)) for (const value of values.values()) value.fill(0);
    else redo.push({ version, values, hashes });
  }
  if (redo.length === 0) return;
  const cleared = JSON.stringify(redo.map((d) => d.version.accountId));
  s.clearValues.run(cleared);
  s.clearCerts.run(cleared);
  for (const { version, values, hashes } of redo) {
    const id = version.accountId;
    for (const [key, value] of values) {
      s.insertValue.run(id, key, hashes.get(key), weakness(key, value));
      for (const c of certificatesIn(value)) s.insertCert.run(id, key, c.subject, c.issuer, c.notAfter);
      value.fill(0);
    }
    s.setChanged.run(id, version.at);
  }
}

/**
 * Replaces the findings of each written account with those of its newest data (`{"key": "<base64>"}`),
 * in the caller's transaction. A version's `at` becomes when the account's values last changed, only
 * when they differ from the findings already stored.
 */
export function recordFindings(db: WritableDB, versions: readonly WrittenVersion[]): void {
  const s = stmts(db);
  for (const run of distinctRuns(versions)) recordRun(s, run);
}

/** Accounts whose findings the backfill records together. */
const BACKFILL_BATCH = 500;

/** Computes the findings of every account from its newest version, and when its values last changed. */
export function backfillFindings(db: WritableDB): number {
  const ids = db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as number[];
  const versions = db.prepare(
    'SELECT seen_at, data FROM secret_versions WHERE account_id = ? ORDER BY id DESC',
  ) as Database.Statement<[number], { seen_at: number; data: string }>;
  let batch: WrittenVersion[] = [];
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
    batch.push({ accountId: id, data: JSON.parse(newest.data) as Record<string, string>, at: changedAt });
    done++;
    if (batch.length >= BACKFILL_BATCH) {
      recordFindings(db, batch);
      batch = [];
    }
  }
  recordFindings(db, batch);
  return done;
}
