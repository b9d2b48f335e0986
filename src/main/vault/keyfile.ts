// The key file (keys.json): the wrapped vault key, unlock throttling, audit checkpoint and pre-unlock journal.
import fs from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { writeFileAtomic } from './atomic';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** AES-256-GCM output: 96-bit IV, the sealed 32-byte vault key, and the authentication tag. */
const Sealed = z.object({ iv: b64, ciphertext: b64, tag: b64 });

/** The vault key sealed with AES-256-GCM under a key derived from the passphrase with Argon2id. */
export const PassphraseWrap = Sealed.extend({
  kdf: z.literal('argon2id'),
  memoryKiB: z.number().int().min(8192),
  passes: z.number().int().min(1),
  parallelism: z.number().int().min(1),
  salt: b64,
});
export type PassphraseWrap = z.infer<typeof PassphraseWrap>;

/** The vault key sealed with AES-256-GCM under a random wrapping key kept in the OS keychain. */
export const KeychainWrap = Sealed.extend({ service: z.string(), account: z.string() });
export type KeychainWrap = z.infer<typeof KeychainWrap>;

/** An audit event recorded while the vault was locked (failed unlocks); appended after the next unlock. */
export const JournalEntry = z.object({
  time: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** The newest audit event known when the key file was last written, MAC'd with a key derived from the vault key. */
export const AuditCheckpoint = z.object({ seq: z.number().int().min(0), hash: z.string(), mac: z.string() });
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;

export const KeyFileData = z.object({
  format: z.literal(1),
  vaultId: z.string().uuid(),
  createdAt: z.number(),
  wraps: z.object({ passphrase: PassphraseWrap.optional(), keychain: KeychainWrap.optional() }),
  /** Failed passphrase attempts since the last success; kept here so a restart does not reset the back-off. */
  failures: z.object({ count: z.number().int().min(0), lastAt: z.number() }),
  autoLockMinutes: z.number().int().min(1).max(1440),
  auditCheckpoint: AuditCheckpoint.nullable(),
  /** Bounded: a flood of failed unlocks keeps the newest entries and counts the rest. */
  auditJournal: z.array(JournalEntry),
  auditJournalDropped: z.number().int().min(0),
});
export type KeyFileData = z.infer<typeof KeyFileData>;

export const JOURNAL_LIMIT = 200;

/** Reads and rewrites keys.json. Every write is atomic; the DB is never touched from here. */
export class KeyFile {
  constructor(readonly file: string) {}

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  read(): KeyFileData {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError(
          'not_initialized',
          'There is no vault in this data directory yet.',
          'Run `strongroom init` or open the app to create one.',
        );
      }
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw this.damaged(error);
    }
    const parsed = KeyFileData.safeParse(json);
    if (!parsed.success) throw this.damaged(parsed.error);
    const data = parsed.data;
    if (!data.wraps.passphrase && !data.wraps.keychain) throw this.damaged(new Error('no wraps'));
    return data;
  }

  /** Creates the file; fails if one exists, so a second init can never overwrite a vault's keys. */
  create(data: KeyFileData): void {
    if (this.exists()) throw new AppError('already_exists', 'A vault already exists in this data directory.');
    this.write(data);
  }

  /** Read-modify-write. The invariant "at least one wrap" is checked before anything is written. */
  update(change: (data: KeyFileData) => KeyFileData): KeyFileData {
    const next = change(this.read());
    if (!next.wraps.passphrase && !next.wraps.keychain) {
      throw new AppError('conflict', 'The vault needs at least one way to unlock it (passphrase or keychain).');
    }
    this.write(next);
    return next;
  }

  private write(data: KeyFileData): void {
    writeFileAtomic(this.file, `${JSON.stringify(KeyFileData.parse(data), null, 2)}\n`);
  }

  private damaged(cause: unknown): AppError {
    return new AppError(
      'bad_file',
      'The vault key file (keys.json) is damaged or not a Strongroom key file.',
      'Restore keys.json from a backup made at the same time as vault.db.',
      { cause },
    );
  }
}
