// The OS keychain behind a tiny interface: @napi-rs/keyring by default, refusing any plaintext fallback.
import { Entry } from '@napi-rs/keyring';
import { AppError } from '../../shared/errors';

export const KEYCHAIN_SERVICE = 'Strongroom';

/** Whether the OS keychain can be used right now, and if not, why and what to do. */
export interface KeychainAvailability {
  available: boolean;
  reason?: string;
  fix?: string;
}

/** Stores small binary secrets under (service, account). Tests inject their own implementation. */
export interface KeyStore {
  /** Cheap check that does not prompt; a locked keychain may still fail on first real use. */
  probe(): KeychainAvailability;
  get(service: string, account: string): Buffer | null;
  set(service: string, account: string, secret: Buffer): void;
  delete(service: string, account: string): void;
}

const LINUX_FIX =
  'Start a Secret Service keyring (GNOME Keyring or KWallet) in your desktop session and unlock it, or use the passphrase instead.';

export function keychainUnavailable(reason: string, cause?: unknown): AppError {
  const fix = process.platform === 'linux' ? LINUX_FIX : 'Unlock the OS keychain, or use the passphrase instead.';
  return new AppError('keychain_unavailable', `The OS keychain cannot be used: ${reason}.`, fix, { cause });
}

/** Turns the library's opaque failures into a reason a user can act on. */
function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/prompt was dismissed|locked/i.test(message)) return 'it is locked';
  if (/DBUS|dbus|ServiceUnknown|org\.freedesktop\.secrets/i.test(message)) return 'no Secret Service is running';
  if (/no storage access|NoStorageAccess|platform storage/i.test(message)) return 'its storage is not reachable';
  return 'it reported an error';
}

const entryId = (service: string, account: string) => `${service}\n${account}`;

/**
 * The real keychain. On Linux it is pinned to the Secret Service: the library would otherwise fall
 * back to the kernel keyring, which does not survive a reboot and is not what users expect.
 */
export class OsKeyStore implements KeyStore {
  /**
   * Entries made so far: on Linux each new one opens its own Secret Service session over D-Bus (several
   * ms), and an unlock reads the key and the failure counter after a probe. One that fails is dropped,
   * so the next use reconnects (say, after the keyring daemon restarted).
   */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  probe(): KeychainAvailability {
    if (process.platform === 'linux' && !this.env.DBUS_SESSION_BUS_ADDRESS) {
      return { available: false, reason: 'no D-Bus session (no Secret Service)', fix: LINUX_FIX };
    }
    try {
      this.entry(KEYCHAIN_SERVICE, 'probe');
      return { available: true };
    } catch (error) {
      return { available: false, reason: explain(error), fix: LINUX_FIX };
    }
  }

  get(service: string, account: string): Buffer | null {
    const secret = this.guard(service, account, (entry) => entry.getSecret());
    return secret ? Buffer.from(secret) : null;
  }

  set(service: string, account: string, secret: Buffer): void {
    this.guard(service, account, (entry) => entry.setSecret(secret));
  }

  delete(service: string, account: string): void {
    this.guard(service, account, (entry) => entry.deleteCredential());
  }

  private entry(service: string, account: string): Entry {
    const id = entryId(service, account);
    let entry = this.entries.get(id);
    if (!entry) {
      entry = new Entry(service, account, { linux: { store: 'secret-service' } });
      this.entries.set(id, entry);
    }
    return entry;
  }

  private guard<T>(service: string, account: string, use: (entry: Entry) => T): T {
    if (process.platform === 'linux' && !this.env.DBUS_SESSION_BUS_ADDRESS) {
      throw keychainUnavailable('no D-Bus session (no Secret Service)');
    }
    try {
      return use(this.entry(service, account));
    } catch (error) {
      this.entries.delete(entryId(service, account));
      throw keychainUnavailable(explain(error), error);
    }
  }
}

/** An in-memory keychain for tests; `failure` simulates a missing or locked keychain. */
export class MemoryKeyStore implements KeyStore {
  readonly items = new Map<string, Buffer>();
  failure: string | undefined;

  probe(): KeychainAvailability {
    return this.failure ? { available: false, reason: this.failure } : { available: true };
  }

  get(service: string, account: string): Buffer | null {
    this.check();
    const value = this.items.get(`${service}/${account}`);
    return value ? Buffer.from(value) : null;
  }

  set(service: string, account: string, secret: Buffer): void {
    this.check();
    this.items.set(`${service}/${account}`, Buffer.from(secret));
  }

  delete(service: string, account: string): void {
    this.check();
    this.items.delete(`${service}/${account}`);
  }

  private check(): void {
    if (this.failure) throw keychainUnavailable(this.failure);
  }
}
