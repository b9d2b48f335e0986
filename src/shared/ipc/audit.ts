// Channels of the audit log: paged queries for the Audit view, chain verification, and export.
import { z } from 'zod';
import { channel, returns } from './contract';
import { type ExportDownload, exportDestinationFields } from './export-destination';

/** `ok`, or the error code the action failed with (e.g. `wrong_passphrase`, `forbidden`). */
export type AuditOutcome = string;

/** One audit event as stored. `details` never holds secret values. Times are ms since the epoch. */
export interface AuditEvent {
  seq: number;
  time: number;
  /** The OS user who ran Strongroom. */
  actor: string;
  /** Dotted verb, e.g. `vault.unlock`, `secret.reveal`. */
  action: string;
  /** What was acted on, e.g. `vault`, `prod/payments/db-creds`. */
  target: string;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
  /** SHA-256 (hex) of the previous event; 64 zeros for the first. */
  prev: string;
  /** SHA-256 (hex) of this event's canonical form, prev included. */
  hash: string;
}

/**
 * Which events the Audit view shows and an export writes. `outcome` is `ok`, `failed` (anything
 * but ok) or one error code; `from`/`to` are ms since the epoch, inclusive; `target` and `text`
 * match parts, ignoring case.
 */
export const AuditFilter = z
  .object({
    action: z.string().max(200).optional(),
    target: z.string().max(500).optional(),
    outcome: z.string().max(64).optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    text: z.string().max(200).optional(),
  })
  .strict();
export type AuditFilter = z.input<typeof AuditFilter>;

/** A page of the filtered events, newest first. `before` is the keyset cursor (a seq from `nextCursor`). */
export const AuditQuery = AuditFilter.extend({
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
}).strict();
export type AuditQuery = z.input<typeof AuditQuery>;

/** One page of events; `total` counts every match (for the scrollbar), `nextCursor` is null at the end. */
export interface AuditPage {
  events: AuditEvent[];
  total: number;
  nextCursor: number | null;
}

/** Result of checking the hash chain from the first event to the recorded head. */
export interface AuditVerifyResult {
  ok: boolean;
  /** Events checked before stopping. */
  checked: number;
  /** The first event that fails, and why in plain words. `seq` may be one past the end for truncation. */
  firstBad?: { seq: number; reason: string };
  /**
   * On an intact log, its newest event (`hash` is 64 zeros for an empty log). Whoever holds the
   * vault key can rewrite the whole chain consistently; a head recorded elsewhere exposes that.
   */
  head?: { seq: number; hash: string };
}

/** Distinct values for the filter menus. */
export interface AuditFacets {
  actions: string[];
  outcomes: string[];
}

/**
 * Where and how much an export wrote; `filtered` is true when a filter left events out. `path` is
 * absent when the file went to the browser as `download`.
 */
export interface AuditExportResult {
  path?: string;
  count: number;
  filtered: boolean;
  download?: ExportDownload;
}

export const auditList = channel('audit:list', AuditQuery, returns<AuditPage>());
export const auditFacets = channel('audit:facets', z.object({}).strict(), returns<AuditFacets>());
export const auditVerify = channel('audit:verify', z.object({}).strict(), returns<AuditVerifyResult>());

/**
 * Writes the events that match `filter` (the whole log without one), oldest first (atomic write,
 * mode 0600). The Audit view sends the filter it shows. Where it goes: see `exportDestinationFields`
 * (a window names no path; an existing file is replaced only with `overwrite`). Errors:
 * `already_exists` (the file exists and `overwrite` is not set), `cancelled` (the save dialog was closed).
 */
export const auditExport = channel(
  'audit:export',
  z
    .object({
      format: z.enum(['jsonl', 'csv']),
      filter: AuditFilter.optional(),
      ...exportDestinationFields,
    })
    .strict(),
  returns<AuditExportResult>(),
);

export const auditChannels = [auditList, auditFacets, auditVerify, auditExport] as const;
export const auditEvents = [] as const;
