// The hash chain: canonical form of an event, its SHA-256, and the check of a whole sequence of rows.
import crypto from 'node:crypto';
import type { AuditVerifyResult } from '../../shared/ipc/audit';

export const GENESIS = '0'.repeat(64);

/** An event as stored: `details` is canonical JSON text, exactly the bytes that were hashed. */
export interface StoredEvent {
  seq: number;
  time: number;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  details: string;
  prev: string;
  hash: string;
}

/** JSON with object keys sorted at every depth, so equal details always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** SHA-256 over a fixed-order JSON array of every field but the hash itself. */
export function hashEvent(e: Omit<StoredEvent, 'hash'>): string {
  const canonical = JSON.stringify([e.seq, e.time, e.actor, e.action, e.target, e.outcome, e.details, e.prev]);
  return crypto.hash('sha256', canonical, 'hex');
}

/** The newest event's position in the chain, as recorded outside the event rows. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** A head kept elsewhere. `exact` heads move with every event; others are checkpoints that may lag. */
export interface RecordedHead {
  name: string;
  head: ChainHead;
  exact: boolean;
}

/**
 * Walks rows in seq order and stops at the first that does not fit: a gap (deleted event), a
 * broken link (reordered or deleted), or a hash that does not match the content (edited).
 * Then compares the end of the chain with every recorded head, which catches a cut-off tail.
 */
export function verifyChain(rows: Iterable<StoredEvent>, heads: RecordedHead[]): AuditVerifyResult {
  let prev = GENESIS;
  let expected = 1;
  const hashes = new Map<number, string>();
  const wanted = new Set(heads.map((h) => h.head.seq));
  for (const row of rows) {
    if (row.seq !== expected) {
      const reason = row.seq > expected ? `event ${expected} is missing` : 'events are out of order';
      return { ok: false, checked: expected - 1, firstBad: { seq: expected, reason } };
    }
    if (row.prev !== prev) {
      return {
        ok: false,
        checked: expected - 1,
        firstBad: {
          seq: row.seq,
          reason: 'it does not link to the event before it (reordered or an event was removed)',
        },
      };
    }
    if (hashEvent(row) !== row.hash) {
      return {
        ok: false,
        checked: expected - 1,
        firstBad: { seq: row.seq, reason: 'its content was changed after it was written' },
      };
    }
    if (wanted.has(row.seq)) hashes.set(row.seq, row.hash);
    prev = row.hash;
    expected++;
  }
  const last = expected - 1;
  for (const { name, head, exact } of heads) {
    if (exact && head.seq < last) {
      return {
        ok: false,
        checked: last,
        firstBad: {
          seq: head.seq + 1,
          reason: `the ${name} ends at event ${head.seq}: events after it were added behind the log's back`,
        },
      };
    }
    if (head.seq > last) {
      return {
        ok: false,
        checked: last,
        firstBad: {
          seq: last + 1,
          reason: `the log ends at event ${last} but the ${name} records event ${head.seq}: events were removed from the end`,
        },
      };
    }
    const at = head.seq === 0 ? GENESIS : hashes.get(head.seq);
    if (at !== (head.seq === 0 ? GENESIS : head.hash)) {
      return { ok: false, checked: last, firstBad: { seq: head.seq, reason: `it does not match the ${name}` } };
    }
  }
  return { ok: true, checked: last, head: { seq: last, hash: prev } };
}
