// Offline review: opens a Secrets file (or bundle) into an in-memory session and reveals one value at a time.
import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../shared/errors';
import type { OfflineReview, ReviewSecret } from '../../shared/ipc/transfer';
import { type DecodedValue, type DecodeView, LAST_APPLIED_ANNOTATION, type SecretRecord } from '../../shared/secrets';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { decodeValue, utf8Text } from '../values/decode';
import { isBundle, openBundle } from './bundle';
import { badFile, checkSize, parseDocuments } from './offline-parse';
import { secretsFromDocuments } from './offline-secrets';
import type { TransferAudit } from './ports';

/** What a file held once read: the Secrets and notes about anything skipped. */
export interface OfflineFile {
  format: OfflineReview['format'];
  secrets: SecretRecord[];
  warnings: string[];
}

/** Reads a file's bytes (or text) into Secrets without touching the vault or a cluster. */
export async function readOfflineFile(
  fileName: string,
  content: Uint8Array | string,
  passphrase?: string,
): Promise<OfflineFile> {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  checkSize(fileName, size);
  const text = typeof content === 'string' ? content : utf8Text(content);
  if (text === undefined) {
    throw badFile(`"${fileName}" is not a text file, so it is neither JSON nor YAML.`);
  }
  const parsed = parseDocuments(fileName, text);
  const [first] = parsed.documents;
  if (parsed.format === 'json' && isBundle(first)) {
    const plain = await openBundle(first as Record<string, unknown>, passphrase);
    const inner = utf8Text(plain);
    const innerName = `${fileName} (decrypted)`;
    if (inner === undefined) throw badFile(`${innerName} does not hold text.`);
    const documents = parseDocuments(`${innerName}.json`, inner).documents;
    if (isBundle(documents[0])) throw badFile(`${innerName} holds another bundle; Strongroom opens one level only.`);
    return { format: 'bundle', ...secretsFromDocuments(innerName, documents) };
  }
  return { format: parsed.format, ...secretsFromDocuments(fileName, parsed.documents) };
}

/** Shows the last-applied annotation's size only: it repeats the Secret's data in clear. */
function reviewAnnotations(annotations: Record<string, string>): Record<string, string> {
  const out = { ...annotations };
  const lastApplied = out[LAST_APPLIED_ANNOTATION];
  if (lastApplied !== undefined) {
    out[LAST_APPLIED_ANNOTATION] =
      `(hidden: kubectl's copy of the manifest, values included; ${lastApplied.length} characters)`;
  }
  return out;
}

export function reviewSecret(secret: SecretRecord, index: number): ReviewSecret {
  const keys = Object.entries(secret.data).map(([name, bytes]) => ({ name, size: bytes.length }));
  const out: ReviewSecret = {
    index,
    namespace: secret.namespace,
    name: secret.name,
    type: secret.type,
    labels: { ...secret.labels },
    annotations: reviewAnnotations(secret.annotations),
    keys,
    size: keys.reduce((sum, k) => sum + k.size, 0),
  };
  if (secret.immutable !== undefined) out.immutable = secret.immutable;
  if (secret.resourceVersion !== undefined) out.resourceVersion = secret.resourceVersion;
  if (secret.creationTimestamp !== undefined) out.creationTimestamp = secret.creationTimestamp;
  return out;
}

interface Session {
  fileName: string;
  file: OfflineFile;
  lastUsed: number;
}

export interface OfflineReviewOptions {
  clock: Clock;
  log: Logger;
  audit: TransferAudit;
  /** Open sessions kept at once; opening one more drops the least recently used. */
  maxSessions?: number;
  /** A session unused this long is dropped on the next call. */
  idleMs?: number;
}

/**
 * Holds opened files in memory, keyed by a random session id, until closed, idle, or the vault
 * locks (`closeAll`). The renderer gets the review model; a value leaves main only on reveal.
 */
export class OfflineReviewService {
  private readonly sessions = new Map<string, Session>();
  private readonly log: Logger;
  private readonly maxSessions: number;
  private readonly idleMs: number;

  constructor(private readonly options: OfflineReviewOptions) {
    this.log = options.log.child({ svc: 'transfer.offline' });
    this.maxSessions = options.maxSessions ?? 8;
    this.idleMs = options.idleMs ?? 30 * 60_000;
  }

  async open(fileName: string, content: Uint8Array | string, passphrase?: string): Promise<OfflineReview> {
    this.sweep();
    let file: OfflineFile;
    try {
      file = await readOfflineFile(fileName, content, passphrase);
    } catch (error) {
      const outcome = isAppError(error) ? error.code : 'internal';
      this.options.audit.record({ action: 'offline.open', target: fileName, outcome });
      throw error;
    }
    const sessionId = randomUUID();
    this.sessions.set(sessionId, { fileName, file, lastUsed: this.options.clock.now() });
    while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value as string);
    const details = { format: file.format, secrets: file.secrets.length };
    this.options.audit.record({ action: 'offline.open', target: fileName, outcome: 'ok', details });
    this.log.info({ sessionId, ...details }, 'offline file opened');
    return {
      sessionId,
      fileName,
      format: file.format,
      secrets: file.secrets.map(reviewSecret),
      warnings: file.warnings,
    };
  }

  private session(sessionId: string): Session {
    this.sweep();
    const session = this.sessions.get(sessionId);
    if (!session) {
      throw new AppError('not_found', 'This offline review was closed.', 'Open the file again to keep reviewing it.');
    }
    session.lastUsed = this.options.clock.now();
    // Re-insert so that Map order stays least-recently-used first.
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, session);
    return session;
  }

  /** Decodes one key of one Secret of a session; audited whether it succeeds or not. */
  reveal(sessionId: string, secretIndex: number, key: string, view: DecodeView = 'auto'): DecodedValue {
    const session = this.sessions.get(sessionId);
    const secret = session?.file.secrets[secretIndex];
    const target = secret ? `${session?.fileName}: ${secret.namespace}/${secret.name} [${key}]` : `${sessionId}`;
    try {
      const found = this.session(sessionId).file.secrets[secretIndex];
      const bytes = found && Object.hasOwn(found.data, key) ? found.data[key] : undefined;
      if (!found || !bytes) throw new AppError('not_found', 'That key is not in this file.');
      const decoded = decodeValue(bytes, { key, secretType: found.type, now: this.options.clock.now(), view });
      this.options.audit.record({
        action: 'secret.reveal',
        target,
        outcome: 'ok',
        details: { source: 'offline', view, kind: decoded.kind },
      });
      return decoded;
    } catch (error) {
      this.options.audit.record({
        action: 'secret.reveal',
        target,
        outcome: isAppError(error) ? error.code : 'internal',
        details: { source: 'offline' },
      });
      throw error;
    }
  }

  /** The Secrets of a session, for export or a later import into the vault. */
  secretsOf(sessionId: string): SecretRecord[] {
    return this.session(sessionId).file.secrets;
  }

  fileNameOf(sessionId: string): string {
    return this.session(sessionId).fileName;
  }

  close(sessionId: string): boolean {
    return this.sessions.delete(sessionId);
  }

  /** Drops every session, e.g. when the vault locks. */
  closeAll(): void {
    this.sessions.clear();
  }

  private sweep(): void {
    const cutoff = this.options.clock.now() - this.idleMs;
    for (const [id, session] of this.sessions) if (session.lastUsed < cutoff) this.sessions.delete(id);
  }
}
