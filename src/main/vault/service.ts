// The vault: its lock state, the key in memory while unlocked, and the one DB handle every domain writes through.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type ErrorData, isAppError } from '../../shared/errors';
import type { LockReason, UnlockMethod, VaultInitResult, VaultStatus } from '../../shared/ipc/vault';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { openEncryptedDb, type WritableDB } from './db';
import { KeyFile, type KeyFileData } from './keyfile';
import type { KeyStore } from './keystore';
import { leaseHeldError, type VaultLeases } from './leases';
import { MIGRATIONS } from './migrations/index';
import { runMigrations } from './migrations/runner';
import { retryAfterMs } from './ratelimit';
import { KeyWraps } from './rewrap';
import { newVaultKey, subkey, wrapWithPassphrase } from './wraps';

export const DEFAULT_AUTO_LOCK_MINUTES = 15;

export interface VaultOptions {
  dataDir: string;
  clock: Clock;
  log: Logger;
  keyStore: KeyStore;
  events?: EventBus;
}

/** How to unlock: typed the same as the `vault:unlock` channel's input. */
export type UnlockRequest = { method: 'passphrase'; passphrase: string } | { method: 'keychain' };

/** Hooks for services that must act at the lock boundary (the audit log flushes and drains here). */
export interface VaultLifecycle {
  /** After the DB is open and migrated, before anyone else sees the vault unlocked. */
  unlocked?(method: UnlockMethod): void;
  /** Before the DB closes; the handle and key are still usable. */
  locking?(reason: LockReason): void;
}

interface Open {
  key: Buffer;
  db: WritableDB;
  autoLockMinutes: number;
  cancelTimer: () => void;
}

/** Channels a renderer polls on its own; they must not keep an idle vault open. */
const PASSIVE_CHANNELS: ReadonlySet<string> = new Set(['vault:status', 'app:info']);

export class VaultService {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly keyFile: KeyFile;
  /** How long the last passphrase unlock spent in Argon2id, for the bench and diagnostics. */
  lastKdfMs = 0;
  private open: Open | undefined;
  private unlocking: Promise<VaultStatus> | undefined;
  private readonly lifecycle: VaultLifecycle[] = [];
  private readonly log: Logger;
  private readonly wraps: KeyWraps;
  private leases: VaultLeases | undefined;
  /** A lock asked for while jobs held leases: it happens when the last one is released. */
  private pendingLock: LockReason | undefined;

  constructor(private readonly options: VaultOptions) {
    this.dataDir = options.dataDir;
    this.dbFile = path.join(options.dataDir, 'vault.db');
    this.keyFile = new KeyFile(path.join(options.dataDir, 'keys.json'));
    this.log = options.log.child({ svc: 'vault' });
    this.wraps = new KeyWraps(this.keyFile, options.keyStore, options.clock);
  }

  get isUnlocked(): boolean {
    return this.open !== undefined;
  }

  /** The DB handle. Call it at each use and never keep it across an await: locking closes it. */
  db(): WritableDB {
    if (this.open) return this.open.db;
    if (!this.keyFile.exists()) {
      throw new AppError('not_initialized', 'There is no vault yet.', 'Set one up first (`strongroom init`).');
    }
    throw new AppError('vault_locked', 'The vault is locked.', 'Unlock it with your passphrase or the OS keychain.');
  }

  /** A key derived from the vault key for one purpose; zero it after use. */
  deriveKey(purpose: string): Buffer {
    this.db();
    return subkey((this.open as Open).key, purpose);
  }

  addLifecycle(hooks: VaultLifecycle): void {
    this.lifecycle.push(hooks);
  }

  status(): VaultStatus {
    const keychain = this.options.keyStore.probe();
    if (!this.keyFile.exists()) {
      return {
        state: 'uninitialized',
        dataDir: this.dataDir,
        wraps: { passphrase: false, keychain: false },
        keychain,
        autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
        failedAttempts: 0,
        retryAfterMs: 0,
      };
    }
    const kf = this.keyFile.read();
    return {
      state: this.open ? 'unlocked' : 'locked',
      dataDir: this.dataDir,
      wraps: { passphrase: Boolean(kf.wraps.passphrase), keychain: Boolean(kf.wraps.keychain) },
      keychain,
      autoLockMinutes: kf.autoLockMinutes,
      failedAttempts: kf.failures.count,
      retryAfterMs: retryAfterMs(kf.failures, this.options.clock.now()),
    };
  }

  /** Creates the vault and leaves it unlocked. A keychain that cannot be used is a warning when a passphrase is set. */
  async init(request: { passphrase?: string; useKeychain: boolean }): Promise<VaultInitResult> {
    if (this.keyFile.exists()) throw new AppError('already_exists', 'A vault already exists in this data directory.');
    if (fs.existsSync(this.dbFile)) {
      throw new AppError(
        'conflict',
        'vault.db exists but its key file keys.json is missing, so it cannot be opened.',
        'Restore keys.json from a backup, or move vault.db out of the data directory to start a new vault.',
      );
    }
    if (request.passphrase === undefined && !request.useKeychain) {
      throw new AppError('invalid_input', 'Choose a passphrase, the OS keychain, or both.');
    }
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const vaultId = crypto.randomUUID();
    const key = newVaultKey();
    const warnings: ErrorData[] = [];
    const data: KeyFileData = {
      format: 1,
      vaultId,
      createdAt: this.options.clock.now(),
      wraps: {},
      failures: { count: 0, lastAt: 0 },
      autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
      auditCheckpoint: null,
      auditJournal: [],
      auditJournalDropped: 0,
    };
    try {
      if (request.passphrase !== undefined)
        data.wraps.passphrase = await wrapWithPassphrase(key, request.passphrase, vaultId);
      if (request.useKeychain) {
        try {
          data.wraps.keychain = this.wraps.createKeychainWrap(key, vaultId);
        } catch (error) {
          if (!isAppError(error) || error.code !== 'keychain_unavailable' || !data.wraps.passphrase) throw error;
          warnings.push(error.toData());
        }
      }
      const db = openEncryptedDb(this.dbFile, key);
      try {
        runMigrations(db, MIGRATIONS);
        db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?), (?, ?)').run(
          'vault_id',
          vaultId,
          'created_at',
          String(data.createdAt),
        );
        this.keyFile.create(data);
      } catch (error) {
        db.close();
        throw error;
      }
      this.becomeUnlocked(key, db, request.passphrase !== undefined ? 'passphrase' : 'keychain', data.autoLockMinutes);
    } catch (error) {
      key.fill(0);
      throw error;
    }
    this.log.info({ vaultId, wraps: Object.keys(data.wraps) }, 'vault created');
    return { status: this.status(), warnings };
  }

  /** Unlocks with the passphrase or the keychain. Concurrent calls share one attempt. */
  unlock(request: UnlockRequest): Promise<VaultStatus> {
    if (this.open) return Promise.resolve(this.status());
    this.unlocking ??= this.unlockOnce(request).finally(() => {
      this.unlocking = undefined;
    });
    return this.unlocking;
  }

  private async unlockOnce(request: UnlockRequest): Promise<VaultStatus> {
    const kf = this.keyFile.read();
    const key =
      request.method === 'passphrase'
        ? await this.keyFromPassphrase(kf, request.passphrase)
        : this.wraps.keyFromKeychain(kf);
    let db: WritableDB | undefined;
    try {
      db = openEncryptedDb(this.dbFile, key);
      runMigrations(db, MIGRATIONS);
      const id = db.prepare(`SELECT value FROM vault_meta WHERE key = 'vault_id'`).pluck().get();
      if (id !== kf.vaultId) {
        throw new AppError(
          'bad_file',
          'vault.db does not belong to this key file.',
          'Restore vault.db and keys.json from the same backup.',
        );
      }
    } catch (error) {
      db?.close();
      key.fill(0);
      throw error;
    }
    if (kf.failures.count > 0) this.keyFile.update((d) => ({ ...d, failures: { count: 0, lastAt: 0 } }));
    this.becomeUnlocked(key, db, request.method, kf.autoLockMinutes);
    this.log.info({ method: request.method }, 'vault unlocked');
    return this.status();
  }

  private async keyFromPassphrase(kf: KeyFileData, passphrase: string): Promise<Buffer> {
    const key = await this.wraps.checkPassphrase(kf, passphrase);
    this.lastKdfMs = this.wraps.lastKdfMs;
    return key;
  }

  private becomeUnlocked(key: Buffer, db: WritableDB, method: UnlockMethod, autoLockMinutes: number): void {
    this.open = { key, db, autoLockMinutes, cancelTimer: () => {} };
    this.arm();
    for (const hooks of this.lifecycle) hooks.unlocked?.(method);
    this.options.events?.emit('vault:unlocked', { method });
  }

  /** Lets running jobs hold the vault: a lock request waits for them, and their end restarts the idle timer. */
  attachLeases(leases: VaultLeases): void {
    this.leases = leases;
    leases.onRelease(() => {
      if (leases.held().length > 0) return;
      if (this.pendingLock) this.lock(this.pendingLock);
      else this.touch();
    });
  }

  /**
   * A lock that respects leases: with jobs running it is refused with `job_running` and happens once
   * they end, unless `pauseJobs` asks them to pause at their next safe step, then locks.
   */
  async requestLock(reason: LockReason, options: { pauseJobs?: boolean } = {}): Promise<VaultStatus> {
    const held = this.leases?.held() ?? [];
    if (!this.open || held.length === 0) return this.lock(reason);
    if (!options.pauseJobs) {
      this.pendingLock = reason;
      const error = leaseHeldError(held);
      this.options.events?.emit('vault:lockDeferred', { message: error.message, fix: error.fix });
      throw error;
    }
    await this.leases?.pauseAll();
    return this.lock(reason);
  }

  /** Closes the DB and zero-fills the key, cutting any running job. Safe to call when already locked. */
  lock(reason: LockReason): VaultStatus {
    const open = this.open;
    this.pendingLock = undefined;
    if (open) {
      for (const hooks of this.lifecycle) {
        try {
          hooks.locking?.(reason);
        } catch (error) {
          // Locking must always happen; a failing hook is logged, never allowed to keep the vault open.
          this.log.error({ err: error, reason }, 'lock hook failed');
        }
      }
      open.cancelTimer();
      this.open = undefined;
      open.db.close();
      open.key.fill(0);
      this.log.info({ reason }, 'vault locked');
      this.options.events?.emit('vault:locked', { reason });
    }
    return this.status();
  }

  /** Records user activity (the dispatcher calls it per channel): restarts the idle timer. */
  touch(channel?: string): void {
    if (channel !== undefined && PASSIVE_CHANNELS.has(channel)) return;
    this.arm();
  }

  private arm(): void {
    const open = this.open;
    if (!open) return;
    open.cancelTimer();
    // A running job counts as activity: idle auto-lock waits for its lease.
    open.cancelTimer = this.options.clock.setTimer(open.autoLockMinutes * 60_000, () =>
      (this.leases?.held().length ?? 0) > 0 ? this.arm() : this.lock('idle'),
    );
  }

  async changePassphrase(request: { current?: string; next: string | null }): Promise<VaultStatus> {
    const key = this.keyForRewrap();
    const kf = this.keyFile.read();
    if (kf.wraps.passphrase) {
      if (request.current === undefined) {
        throw new AppError('invalid_input', 'Type the current passphrase to change or remove it.');
      }
      (await this.wraps.checkPassphrase(kf, request.current)).fill(0);
    }
    const wrap = request.next === null ? undefined : await wrapWithPassphrase(key, request.next, kf.vaultId);
    this.keyFile.update((d) => ({ ...d, wraps: { ...d.wraps, passphrase: wrap } }));
    return this.status();
  }

  setKeychain(enabled: boolean): VaultStatus {
    this.wraps.setKeychain(this.keyForRewrap(), enabled);
    return this.status();
  }

  setAutoLock(minutes: number): VaultStatus {
    this.keyFile.update((d) => ({ ...d, autoLockMinutes: minutes }));
    if (this.open) this.open.autoLockMinutes = minutes;
    this.arm();
    return this.status();
  }

  private keyForRewrap(): Buffer {
    this.db();
    return (this.open as Open).key;
  }
}
