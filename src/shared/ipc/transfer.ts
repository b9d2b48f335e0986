// Channels of transfer: offline review of Secrets files and bundles, and export of what was opened.
import { z } from 'zod';
import type { DecodedValue } from '../secrets';
import { channel, returns } from './contract';
import { type ExportDownload, exportDestinationFields } from './export-destination';

/** Largest file the Offline review opens (the service also checks the decoded size). */
export const MAX_OFFLINE_FILE_BYTES = 64 * 1024 * 1024;

/** One data key of a Secret under review: its name and size only, never its value. */
export interface ReviewKey {
  name: string;
  /** Bytes. */
  size: number;
}

/** One Secret of an opened file, as the review table shows it. Holds no value. */
export interface ReviewSecret {
  /** Position in the file; the handle for `transfer:revealOffline`. */
  index: number;
  /** Empty when the file did not say. */
  namespace: string;
  name: string;
  type: string;
  labels: Record<string, string>;
  /** kubectl's last-applied annotation is replaced by a note: it repeats the values in clear. */
  annotations: Record<string, string>;
  keys: ReviewKey[];
  /** Total bytes of all values. */
  size: number;
  immutable?: boolean;
  resourceVersion?: string;
  creationTimestamp?: string;
}

/** An opened file: kept in main under `sessionId` until closed, idle for 30 minutes, or the vault locks. */
export interface OfflineReview {
  sessionId: string;
  fileName: string;
  /** `bundle` for an encrypted Strongroom bundle (opened with its passphrase). */
  format: 'json' | 'yaml' | 'bundle';
  secrets: ReviewSecret[];
  /** Objects skipped (not Secrets), duplicate names, keys Kubernetes would refuse… Never a value. */
  warnings: string[];
}

/** What an export wrote. `encrypted: false` means the file holds the values in clear. */
export interface ExportResult {
  /** The file written; absent when the file went to the browser as `download`. */
  path?: string;
  format: 'json' | 'list' | 'bundle';
  count: number;
  bytes: number;
  encrypted: boolean;
  download?: ExportDownload;
}

const sessionId = z.uuid();
const passphrase = z.string().min(1).max(1024);

/**
 * Opens a file chosen by the user: a Secret, a List/SecretList, multi-document YAML, our export, or
 * our bundle. Errors: `bad_file` (what and where), `wrong_passphrase` (bundle without or with a wrong
 * passphrase: ask for it and call again), `unsupported` (bundle from a newer version).
 */
export const openOffline = channel(
  'transfer:openOffline',
  z
    .object({
      /** Base name only, used in messages and the audit log. */
      fileName: z.string().min(1).max(255),
      content: z.discriminatedUnion('encoding', [
        z.object({ encoding: z.literal('text'), text: z.string().max(MAX_OFFLINE_FILE_BYTES) }).strict(),
        z
          .object({ encoding: z.literal('base64'), base64: z.base64().max(Math.ceil(MAX_OFFLINE_FILE_BYTES / 3) * 4) })
          .strict(),
      ]),
      passphrase: passphrase.optional(),
    })
    .strict(),
  returns<OfflineReview>(),
);

/**
 * Decodes one value of an open file (audited). `view` forces `text` (also for a private key) or
 * `hex`; the default picks by content. Errors: `not_found` (session closed or no such key).
 */
export const revealOffline = channel(
  'transfer:revealOffline',
  z
    .object({
      sessionId,
      secretIndex: z.number().int().min(0),
      key: z.string().min(1).max(253),
      view: z.enum(['auto', 'text', 'hex']).optional(),
    })
    .strict(),
  returns<DecodedValue>(),
);

/** Forgets an open file. `closed: false` when it was already gone. */
export const closeOffline = channel(
  'transfer:closeOffline',
  z.object({ sessionId }).strict(),
  returns<{ closed: boolean }>(),
);

/**
 * Writes the Secrets of an open file (all, or those at `indexes`) as a clean `json` Secret (exactly
 * one), a `list`, or an encrypted `bundle` (needs `passphrase`, at least 8 characters). Atomic,
 * mode 0600, audited. `namespace` moves every Secret to that namespace. Where it goes: see
 * `exportDestinationFields`. Errors: `already_exists` (the file exists and `overwrite` is not set),
 * `cancelled` (the save dialog was closed).
 */
export const exportOffline = channel(
  'transfer:exportOffline',
  z
    .object({
      sessionId,
      indexes: z.array(z.number().int().min(0)).max(100_000).optional(),
      format: z.enum(['json', 'list', 'bundle']),
      ...exportDestinationFields,
      namespace: z.string().min(1).max(63).optional(),
      passphrase: passphrase.optional(),
    })
    .strict(),
  returns<ExportResult>(),
);

/** What an import into the vault did, per resource (`<namespace>-<name>`, no cluster). */
export interface OfflineImportResult {
  resources: { id: number; name: string; added: number; changed: number; unchanged: number }[];
}

/**
 * Stores the Secrets of an open file (all, or those at `indexes`) in the vault, one resource per
 * namespace named `<namespace>-<name>`. Importing a changed file again adds a version. Audited.
 */
export const importOffline = channel(
  'transfer:importOffline',
  z
    .object({
      sessionId,
      indexes: z.array(z.number().int().min(0)).max(100_000).optional(),
      /** DNS-label-like name of the import; resources are `<namespace>-<name>`. */
      name: z
        .string()
        .min(1)
        .max(63)
        .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'use lower-case letters, digits and dashes'),
    })
    .strict(),
  returns<OfflineImportResult>(),
);

export const transferChannels = [openOffline, revealOffline, closeOffline, exportOffline, importOffline] as const;
export const transferEvents = [] as const;
