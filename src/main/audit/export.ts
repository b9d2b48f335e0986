// Writes the audit log, or the part a filter picks, as JSON Lines or CSV, atomically and readable by the owner only.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { AuditExportResult, AuditFilter } from '../../shared/ipc/audit';
import { type ExportDestination, fileExists } from '../ipc/export-destination';
import { writeFileAtomic } from '../vault/atomic';
import type { ReadableDB } from '../vault/db';
import type { StoredEvent } from './chain';
import { eventSource } from './journal';
import { where as matching } from './query';

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

const MEDIA_TYPES = { jsonl: 'application/x-ndjson', csv: 'text/csv' } as const;

/**
 * Writes the events that match `filter` (all of them when it is empty), oldest first, to a file or
 * as a browser download; an existing file is replaced only with the destination's `overwrite`
 * (checked by the write itself: no window between a check and the write).
 */
export function exportEvents(
  db: ReadableDB,
  format: 'jsonl' | 'csv',
  where: ExportDestination,
  filter: AuditFilter = {},
): AuditExportResult {
  const target = where.kind === 'file' ? path.resolve(where.path) : '';
  if (where.kind === 'file' && !fs.existsSync(path.dirname(target))) {
    throw new AppError('not_found', `The folder ${path.dirname(target)} does not exist.`, 'Choose an existing folder.');
  }
  const lines: string[] = format === 'csv' ? [CSV_COLUMNS.join(',')] : [];
  let count = 0;
  const chosen = matching(filter);
  const rows = db.prepare(`SELECT * FROM audit_events ${chosen.sql} ORDER BY seq`).iterate(...chosen.params);
  for (const row of rows as IterableIterator<StoredEvent>) {
    const details = JSON.parse(row.details) as Record<string, unknown>;
    const exported = { ...row, source: eventSource(details) };
    lines.push(format === 'csv' ? csvLine(exported) : jsonLine(exported, details));
    count++;
  }
  const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  const filtered = chosen.sql !== '';
  if (where.kind === 'download') {
    const download = {
      fileName: where.fileName,
      mediaType: MEDIA_TYPES[format],
      base64: Buffer.from(text).toString('base64'),
    };
    return { count, filtered, download };
  }
  try {
    writeFileAtomic(target, text, { replace: where.overwrite });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw fileExists(target);
  }
  return { path: target, count, filtered };
}
