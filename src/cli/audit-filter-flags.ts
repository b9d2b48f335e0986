// CLI flags that pick audit events, shared by `audit list` and `audit export`: the Audit view's filters.
import type { Command } from 'commander';
import { AppError } from '../shared/errors';
import type { AuditFilter } from '../shared/ipc/audit';

export interface AuditFilterFlags {
  action?: string;
  target?: string;
  outcome?: string;
  from?: string;
  to?: string;
  text?: string;
}

export function auditFilterOptions(cmd: Command): Command {
  return cmd
    .option('--action <action>', 'only this action, e.g. secret.reveal')
    .option('--target <text>', 'only targets containing this text (any case)')
    .option('--outcome <outcome>', 'ok, failed (anything but ok) or one error code, e.g. wrong_passphrase')
    .option(
      '--from <date>',
      'only events at or after this date or time (YYYY-MM-DD or ISO 8601; a date starts at 00:00 local)',
    )
    .option('--to <date>', 'only events at or before this date or time (a date ends at 23:59:59.999 local)')
    .option('--text <text>', 'only events whose actor, action, target, outcome or details contain this text');
}

/** A day means its start (`--from`) or its end (`--to`) in local time, as the Audit view's date pickers do. */
function timeOf(value: string, flag: '--from' | '--to'): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = day
    ? new Date(`${value}T${flag === '--from' ? '00:00:00' : '23:59:59.999'}`).getTime()
    : Date.parse(value);
  if (Number.isNaN(ms))
    throw new AppError(
      'invalid_input',
      `${flag} "${value}" is not a date or time.`,
      `Give a date such as 2026-03-01 or a time such as 2026-03-01T14:30:00Z.`,
    );
  return ms;
}

/** The filter the flags ask for; empty when none is given (the whole log). */
export function auditFilterFrom(o: AuditFilterFlags): AuditFilter {
  const filter: AuditFilter = {};
  for (const key of ['action', 'target', 'outcome', 'text'] as const) {
    if (o[key] !== undefined) filter[key] = o[key];
  }
  if (o.from !== undefined) filter.from = timeOf(o.from, '--from');
  if (o.to !== undefined) filter.to = timeOf(o.to, '--to');
  return filter;
}
