// Writes the audit log, or the part a filter picks, as JSON Lines or CSV, atomically and readable by the owner only.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { AuditExportResult, AuditFilter } from '../../shared/ipc/audit';
import { writeFileAtomic } from '../vault/atomic';
import type { ReadableDB } from '../vault/db';
import type { StoredEvent } from './chain';
import { eventSource } from './journal';
import { where } from './query';

/** `source` is derived from the hashed details: `journal` for events read from keys.json, else `app`. */
const CSV_COLUMNS = [
  'seq',
  'time',
  'actor',
  'action',
  'target',
  'outcome',
  'source',
  'details',
  'prev',
  'hash',
] as const;
type Exported = StoredEvent & { source: 'journal' | 'app' };

/** Quotes a CSV cell, and defuses cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function jsonLine(row: Exported, details: Record<string, unknown>): string {
  const { seq, actor, action, target, outcome, source, prev, hash } = row;
  const time = new Date(row.time).toISOString();
  return JSON.stringify({ seq, time, actor, action, target, outcome, source, details, prev, hash });
}

function csvLine(row: Exported): string {
  return CSV_COLUMNS.map((c) => csvCell(c === 'time' ? new Date(row.time).toISOString() : row[c])).join(',');
}

/** Writes the events that match `filter` (all of them when it is empty), oldest first. */
export function exportEvents(
  db: ReadableDB,
  format: 'jsonl' | 'csv',
  file: string,
  filter: AuditFilter = {},
): AuditExportResult {
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) {
    throw new AppError('not_found', `The folder ${path.dirname(target)} does not exist.`, 'Choose an existing folder.');
  }
  const lines: string[] = format === 'csv' ? [CSV_COLUMNS.join(',')] : [];
  let count = 0;
  const chosen = where(filter);
  const rows = db.prepare(`SELECT * FROM audit_events ${chosen.sql} ORDER BY seq`).iterate(...chosen.params);
  for (const row of rows as IterableIterator<StoredEvent>) {
    const details = JSON.parse(row.details) as Record<string, unknown>;
    const exported = { ...row, source: eventSource(details) };
    lines.push(format === 'csv' ? csvLine(exported) : jsonLine(exported, details));
    count++;
  }
  writeFileAtomic(target, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return { path: target, count, filtered: chosen.sql !== '' };
}
