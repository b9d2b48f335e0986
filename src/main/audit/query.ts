// Paged, filtered reads of the audit log for the Audit view: newest first, keyset on seq.
import {
  type AuditEvent,
  type AuditFacets,
  type AuditFilter,
  type AuditPage,
  AuditQuery,
} from '../../shared/ipc/audit';
import type { ReadableDB } from '../vault/db';
import type { StoredEvent } from './chain';

/** Builds the WHERE clause shared by the page, its total and an export; every value is a bound parameter. */
export function where(q: AuditFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (q.action) {
    parts.push('action = ?');
    params.push(q.action);
  }
  if (q.target) {
    parts.push('instr(lower(target), lower(?)) > 0');
    params.push(q.target);
  }
  if (q.outcome === 'failed') parts.push(`outcome <> 'ok'`);
  else if (q.outcome) {
    parts.push('outcome = ?');
    params.push(q.outcome);
  }
  if (q.from !== undefined) {
    parts.push('time >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    parts.push('time <= ?');
    params.push(q.to);
  }
  if (q.text) {
    parts.push(
      `instr(lower(actor || ' ' || action || ' ' || target || ' ' || outcome || ' ' || details), lower(?)) > 0`,
    );
    params.push(q.text);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function toEvent(row: StoredEvent): AuditEvent {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}

export function listEvents(db: ReadableDB, input: AuditQuery): AuditPage {
  const q = AuditQuery.parse(input);
  const filter = where(q);
  const total = db
    .prepare(`SELECT count(*) FROM audit_events ${filter.sql}`)
    .pluck()
    .get(...filter.params) as number;
  const cursor = q.before === undefined ? '' : `${filter.sql ? ' AND' : 'WHERE'} seq < ?`;
  const params = q.before === undefined ? filter.params : [...filter.params, q.before];
  const rows = db
    .prepare(`SELECT * FROM audit_events ${filter.sql}${cursor} ORDER BY seq DESC LIMIT ?`)
    .all(...params, q.limit + 1) as StoredEvent[];
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return { events: page.map(toEvent), total, nextCursor: more ? (page.at(-1)?.seq ?? null) : null };
}

export function facets(db: ReadableDB): AuditFacets {
  return {
    actions: db.prepare('SELECT DISTINCT action FROM audit_events ORDER BY action').pluck().all() as string[],
    outcomes: db.prepare('SELECT DISTINCT outcome FROM audit_events ORDER BY outcome').pluck().all() as string[],
  };
}
