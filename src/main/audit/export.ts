// Writes the whole audit log as JSON Lines or CSV, atomically and readable by the owner only.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { AuditExportResult } from '../../shared/ipc/audit';
import { writeFileAtomic } from '../vault/atomic';
import type { ReadableDB } from '../vault/db';
import type { StoredEvent } from './chain';

const CSV_COLUMNS = ['seq', 'time', 'actor', 'action', 'target', 'outcome', 'details', 'prev', 'hash'] as const;

/** Quotes a CSV cell, and defuses cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function jsonLine(row: StoredEvent): string {
  return JSON.stringify({ ...row, time: new Date(row.time).toISOString(), details: JSON.parse(row.details) });
}

function csvLine(row: StoredEvent): string {
  return CSV_COLUMNS.map((c) => csvCell(c === 'time' ? new Date(row.time).toISOString() : row[c])).join(',');
}

export function exportEvents(db: ReadableDB, format: 'jsonl' | 'csv', file: string): AuditExportResult {
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) {
    throw new AppError('not_found', `The folder ${path.dirname(target)} does not exist.`, 'Choose an existing folder.');
  }
  const lines: string[] = format === 'csv' ? [CSV_COLUMNS.join(',')] : [];
  let count = 0;
  for (const row of db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<StoredEvent>) {
    lines.push(format === 'csv' ? csvLine(row) : jsonLine(row));
    count++;
  }
  writeFileAtomic(target, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return { path: target, count };
}
