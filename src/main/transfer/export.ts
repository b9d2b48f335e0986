// Writes Secrets as kubectl-ready JSON (a v1 Secret or a v1 List) or as an encrypted bundle, atomically and audited.
import fs from 'node:fs';
import path from 'node:path';
import type { AuditCatalog } from '../../shared/audit-catalog';
import { AppError, isAppError } from '../../shared/errors';
import type { ExportResult } from '../../shared/ipc/transfer';
import { LAST_APPLIED_ANNOTATION, type SecretRecord } from '../../shared/secrets';
import { type ExportDestination, fileExists } from '../ipc/export-destination';
import { writeFileAtomic } from '../vault/atomic';
import { sealBundle } from './bundle';
import type { TransferAudit } from './ports';

/** Annotations that only make sense on the source cluster, or that repeat the data in clear. */
const DROPPED_ANNOTATIONS = new Set([
  LAST_APPLIED_ANNOTATION,
  // The token controller deletes a token Secret whose ServiceAccount uid does not match; it refills this itself.
  'kubernetes.io/service-account.uid',
]);
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export type ExportFormat = ExportResult['format'];

export interface ManifestOptions {
  /** Writes every Secret into this namespace instead of its own. */
  namespace?: string;
}

export interface SecretManifest {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  type: string;
  immutable?: boolean;
  data: Record<string, string>;
}

export interface ListManifest {
  apiVersion: 'v1';
  kind: 'List';
  items: SecretManifest[];
}

function checkNamespace(namespace: string | undefined): void {
  if (namespace !== undefined && !NAMESPACE.test(namespace)) {
    throw new AppError(
      'invalid_input',
      `"${namespace.slice(0, 80)}" is not a valid namespace name.`,
      'Use lower-case letters, digits and dashes, at most 63 characters.',
    );
  }
}

/**
 * A manifest `kubectl apply -f` accepts. Built from an allowlist, so server-set fields (uid,
 * resourceVersion, managedFields, creationTimestamp, ownerReferences…) never appear. Values go
 * under `data` as base64, which keeps binary values and trailing newlines byte-exact.
 */
export function secretManifest(secret: SecretRecord, options: ManifestOptions = {}): SecretManifest {
  checkNamespace(options.namespace);
  const namespace = options.namespace ?? secret.namespace;
  const annotations = Object.entries(secret.annotations).filter(([key]) => !DROPPED_ANNOTATIONS.has(key));
  const metadata: SecretManifest['metadata'] = { name: secret.name };
  if (namespace) metadata.namespace = namespace;
  if (Object.keys(secret.labels).length > 0) metadata.labels = { ...secret.labels };
  if (annotations.length > 0) metadata.annotations = Object.fromEntries(annotations);
  const data = Object.fromEntries(
    Object.entries(secret.data).map(([key, bytes]) => [key, Buffer.from(bytes).toString('base64')]),
  );
  return secret.immutable === undefined
    ? { apiVersion: 'v1', kind: 'Secret', metadata, type: secret.type, data }
    : { apiVersion: 'v1', kind: 'Secret', metadata, type: secret.type, immutable: secret.immutable, data };
}

export function listManifest(secrets: readonly SecretRecord[], options: ManifestOptions = {}): ListManifest {
  return { apiVersion: 'v1', kind: 'List', items: secrets.map((s) => secretManifest(s, options)) };
}

/** The text of a `json` (exactly one Secret) or `list` export. */
export function manifestText(
  secrets: readonly SecretRecord[],
  format: 'json' | 'list',
  options: ManifestOptions = {},
): string {
  if (format === 'json' && secrets.length !== 1) {
    throw new AppError(
      'invalid_input',
      `A single-Secret export needs exactly one Secret, not ${secrets.length}.`,
      'Export several Secrets as a List or as an encrypted bundle.',
    );
  }
  const manifest =
    format === 'json' ? secretManifest(secrets[0] as SecretRecord, options) : listManifest(secrets, options);
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export interface ExportOptions extends ManifestOptions {
  format: ExportFormat;
  /** An absolute path to write (the CLI, tests); an existing file is replaced only with `overwrite`. */
  path?: string;
  overwrite?: boolean;
  /** Where main decided the export goes (save dialog, download); asked once the file's text is ready. Wins over `path`. */
  destination?: () => Promise<ExportDestination>;
  /** Required for `bundle`. */
  passphrase?: string;
  /** What the audit event names as the source, e.g. `account prod/db-creds` or `file secrets.yaml`. */
  source: AuditCatalog['secret.export'];
}

function givenPath(options: ExportOptions): ExportDestination {
  if (!options.path || !path.isAbsolute(options.path)) {
    throw new AppError(
      'invalid_input',
      'An export needs an absolute path to write to.',
      'Give the full path of the file.',
    );
  }
  return { kind: 'file', path: options.path, overwrite: Boolean(options.overwrite) };
}

function fileError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const dir = path.dirname(file);
  if (code === 'EEXIST') return fileExists(file);
  if (code === 'ENOENT')
    return new AppError('not_found', `The folder "${dir}" does not exist.`, 'Pick an existing folder.');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('forbidden', `Strongroom may not write to "${dir}".`, 'Pick a folder you can write to.');
  }
  if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'ENOTDIR') {
    return new AppError('invalid_input', `"${file}" is a folder or lies under a file.`, 'Pick a file name to write.');
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError(
      'internal',
      `There is not enough disk space to write "${file}".`,
      'Free some space and export again.',
    );
  }
  return error;
}

/**
 * Exports Secrets: `json` (one v1 Secret), `list` (a v1 List) or `bundle` (the List, encrypted), to
 * a file written atomically with mode 0600 (never over an existing file unless the user chose to
 * replace it), or as a browser download. Audited whether it succeeds or fails. Callers pass the
 * Secrets, so the vault-backed export reuses this unchanged.
 */
export async function exportSecrets(
  secrets: readonly SecretRecord[],
  options: ExportOptions,
  audit: TransferAudit,
): Promise<ExportResult> {
  const details = { format: options.format, count: secrets.length, path: options.path, namespace: options.namespace };
  try {
    let text: string;
    if (options.format === 'bundle') {
      if (!options.passphrase) throw new AppError('invalid_input', 'An encrypted bundle needs a passphrase.');
      text = await sealBundle(Buffer.from(manifestText(secrets, 'list', options)), options.passphrase);
    } else text = manifestText(secrets, options.format, options);
    const where = options.destination ? await options.destination() : givenPath(options);
    const result = {
      format: options.format,
      count: secrets.length,
      bytes: Buffer.byteLength(text),
      encrypted: options.format === 'bundle',
    };
    if (where.kind === 'download') {
      details.path = `download ${where.fileName}`;
      audit.record({ action: 'secret.export', target: options.source, outcome: 'ok', details });
      const mediaType = options.format === 'bundle' ? 'application/octet-stream' : 'application/json';
      return {
        ...result,
        download: { fileName: where.fileName, mediaType, base64: Buffer.from(text).toString('base64') },
      };
    }
    details.path = where.path;
    const existing = fs.statSync(where.path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw fileError({ code: 'EISDIR' }, where.path);
    if (existing && !where.overwrite) throw fileExists(where.path);
    try {
      writeFileAtomic(where.path, text, { replace: where.overwrite });
    } catch (error) {
      throw fileError(error, where.path);
    }
    audit.record({ action: 'secret.export', target: options.source, outcome: 'ok', details });
    return { ...result, path: where.path };
  } catch (error) {
    const outcome = isAppError(error) ? error.code : 'internal';
    audit.record({ action: 'secret.export', target: options.source, outcome, details });
    throw error;
  }
}
