// Opening and replacing wraps of the vault key: passphrase checks with back-off, and the keychain wrap.
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import { FailureCounter } from './failures';
import type { KeyFile, KeyFileData } from './keyfile';
import { KEYCHAIN_SERVICE, type KeyStore, keychainUnavailable } from './keystore';
import { assertMayTry, FREE_ATTEMPTS } from './ratelimit';
import { unwrapWithKeychainKey, unwrapWithPassphrase, wrapWithKeychainKey } from './wraps';

/** Operates on keys.json and the keychain only: nothing here rewrites vault.db. */
export class KeyWraps {
  lastKdfMs = 0;
  readonly failures: FailureCounter;

  constructor(
    private readonly keyFile: KeyFile,
    private readonly keyStore: KeyStore,
    private readonly clock: Clock,
  ) {
    this.failures = new FailureCounter(keyFile, keyStore);
  }

  /**
   * Returns the vault key for a passphrase, or throws `wrong_passphrase` / `rate_limited`.
   * Failures are counted in keys.json (and the keychain) before the error is thrown, so neither
   * restarting nor editing keys.json resets them.
   */
  async checkPassphrase(kf: KeyFileData, passphrase: string): Promise<Buffer> {
    const wrap = kf.wraps.passphrase;
    if (!wrap) {
      throw new AppError('not_found', 'This vault has no passphrase.', 'Unlock it with the OS keychain.');
    }
    assertMayTry(this.failures.read(kf), this.clock.now());
    const { key, kdfMs } = await unwrapWithPassphrase(wrap, passphrase, kf.vaultId);
    this.lastKdfMs = kdfMs;
    if (key) return key;
    const left = FREE_ATTEMPTS - this.failures.failed(this.clock.now()).count;
    throw new AppError(
      'wrong_passphrase',
      'That passphrase is not right.',
      left > 0
        ? `Check Caps Lock and try again (${left} more before a waiting time applies).`
        : 'Check Caps Lock and try again; each further wrong attempt doubles the waiting time.',
    );
  }

  /** Stores a fresh random wrapping key in the keychain and returns the wrap to keep in keys.json. */
  createKeychainWrap(vaultKey: Buffer, vaultId: string): NonNullable<KeyFileData['wraps']['keychain']> {
    const account = `vault-${vaultId}`;
    const wrappingKey = crypto.randomBytes(32);
    try {
      this.keyStore.set(KEYCHAIN_SERVICE, account, wrappingKey);
      // Read it back: some backends accept a write they cannot return (e.g. a collection that is not persisted).
      const back = this.keyStore.get(KEYCHAIN_SERVICE, account);
      if (!back?.equals(wrappingKey)) throw keychainUnavailable('it did not return what was stored');
      back.fill(0);
      return wrapWithKeychainKey(vaultKey, wrappingKey, vaultId, KEYCHAIN_SERVICE, account);
    } finally {
      wrappingKey.fill(0);
    }
  }

  keyFromKeychain(kf: KeyFileData): Buffer {
    const wrap = kf.wraps.keychain;
    if (!wrap) {
      throw new AppError('not_found', 'Keychain unlock is not set up for this vault.', 'Unlock with your passphrase.');
    }
    const wrappingKey = this.keyStore.get(wrap.service, wrap.account);
    if (!wrappingKey) {
      throw new AppError(
        'keychain_unavailable',
        'The OS keychain has no key for this vault (it was removed or this is another keychain).',
        'Unlock with your passphrase, then turn keychain unlock off and on again in Settings.',
      );
    }
    try {
      const key = unwrapWithKeychainKey(wrap, wrappingKey, kf.vaultId);
      if (!key) {
        throw new AppError(
          'keychain_unavailable',
          'The key in the OS keychain does not open this vault.',
          'Unlock with your passphrase, then turn keychain unlock off and on again in Settings.',
        );
      }
      return key;
    } finally {
      wrappingKey.fill(0);
    }
  }

  /** Adds (or refreshes) or removes the keychain wrap. Removing needs a passphrase wrap to remain. */
  setKeychain(vaultKey: Buffer, enabled: boolean): void {
    const kf = this.keyFile.read();
    if (enabled) {
      const wrap = this.createKeychainWrap(vaultKey, kf.vaultId);
      this.keyFile.update((d) => ({ ...d, wraps: { ...d.wraps, keychain: wrap } }));
      return;
    }
    const old = kf.wraps.keychain;
    if (!old) return;
    // keys.json first: once the wrap is gone, the keychain item alone opens nothing.
    this.keyFile.update((d) => ({ ...d, wraps: { ...d.wraps, keychain: undefined } }));
    try {
      this.keyStore.delete(old.service, old.account);
    } catch {
      // The item is useless without its wrap; a locked keychain must not block turning it off.
    }
  }
}
