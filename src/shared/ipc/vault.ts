// Channels and events of the vault: status, first-run setup, unlock/lock and key-wrap settings.
import { z } from 'zod';
import type { ErrorData } from '../errors';
import { channel, event, returns } from './contract';

/** `uninitialized`: no vault in the data dir yet; `locked`: key not in memory; `unlocked`: DB open. */
export type VaultState = 'uninitialized' | 'locked' | 'unlocked';

/** Why the vault locked: by hand, after idle time, OS suspend/lock screen, or app shutdown. */
export type LockReason = 'manual' | 'idle' | 'suspend' | 'shutdown';

/** How the vault was unlocked. */
export type UnlockMethod = 'passphrase' | 'keychain';

/** Everything the lock screen and Settings need to know about the vault. Holds no secrets. */
export interface VaultStatus {
  state: VaultState;
  /** Where vault.db and keys.json live. */
  dataDir: string;
  /** Which wraps of the vault key exist (at least one once initialised). */
  wraps: { passphrase: boolean; keychain: boolean };
  /** Whether the OS keychain can be used now; `reason` and `fix` explain when it cannot. */
  keychain: { available: boolean; reason?: string; fix?: string };
  /** Idle minutes before auto-lock. */
  autoLockMinutes: number;
  /** Wrong passphrases since the last successful unlock. */
  failedAttempts: number;
  /** Milliseconds before another passphrase attempt is accepted; 0 means now. */
  retryAfterMs: number;
}

/** Result of first-run setup: the new status plus non-fatal problems (e.g. keychain skipped). */
export interface VaultInitResult {
  status: VaultStatus;
  warnings: ErrorData[];
}

const passphrase = z.string().min(1).max(1024);

export const vaultStatus = channel('vault:status', z.object({}).strict(), returns<VaultStatus>(), 'public');

/** Creates the vault. At least one of `passphrase` and `useKeychain` is required. */
export const vaultInit = channel(
  'vault:init',
  z
    .object({ passphrase: passphrase.optional(), useKeychain: z.boolean() })
    .strict()
    .refine((v) => v.passphrase !== undefined || v.useKeychain, {
      message: 'choose a passphrase, the OS keychain, or both',
    }),
  returns<VaultInitResult>(),
  'public',
);

export const vaultUnlock = channel(
  'vault:unlock',
  z.discriminatedUnion('method', [
    z.object({ method: z.literal('passphrase'), passphrase }).strict(),
    z.object({ method: z.literal('keychain') }).strict(),
  ]),
  returns<VaultStatus>(),
  'public',
);

/**
 * Locks now. Public so that locking an already locked vault is harmless. While a job runs it answers
 * `job_running` and locks once the job ends; `pauseJobs` pauses running jobs at a safe step, then locks.
 */
export const vaultLock = channel(
  'vault:lock',
  z.object({ pauseJobs: z.boolean().optional() }).strict(),
  returns<VaultStatus>(),
  'public',
);

/**
 * Sets, changes (`current` required when one exists) or removes (`next: null`, keychain wrap
 * required) the passphrase wrap. Rewrites keys.json only.
 */
export const vaultChangePassphrase = channel(
  'vault:changePassphrase',
  z.object({ current: passphrase.optional(), next: passphrase.nullable() }).strict(),
  returns<VaultStatus>(),
);

/** Adds or removes the keychain wrap. Removing needs a passphrase wrap. */
export const vaultSetKeychain = channel(
  'vault:setKeychain',
  z.object({ enabled: z.boolean() }).strict(),
  returns<VaultStatus>(),
);

export const vaultSetAutoLock = channel(
  'vault:setAutoLock',
  z.object({ minutes: z.number().int().min(1).max(1440) }).strict(),
  returns<VaultStatus>(),
);

export const vaultLocked = event(
  'vault:locked',
  z.object({ reason: z.enum(['manual', 'idle', 'suspend', 'shutdown']) }),
);
export const vaultUnlocked = event('vault:unlocked', z.object({ method: z.enum(['passphrase', 'keychain']) }));

/**
 * A lock (menu, shortcut, palette or channel) waits for running jobs: the vault locks when they end.
 * The renderer shows `message` and offers "lock now and pause" (`vault:lock` with `pauseJobs`).
 */
export const vaultLockDeferred = event(
  'vault:lockDeferred',
  z.object({ message: z.string(), fix: z.string().optional() }),
);

export const vaultChannels = [
  vaultStatus,
  vaultInit,
  vaultUnlock,
  vaultLock,
  vaultChangePassphrase,
  vaultSetKeychain,
  vaultSetAutoLock,
] as const;
export const vaultEvents = [vaultLocked, vaultUnlocked, vaultLockDeferred] as const;
