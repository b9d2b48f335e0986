// The wrong-passphrase counter: kept in keys.json and, where the OS keychain works, copied there too, so editing the file does not reset the back-off.
import { z } from 'zod';
import type { KeyFile, KeyFileData } from './keyfile';
import { KEYCHAIN_SERVICE, type KeyStore } from './keystore';

export type Failures = KeyFileData['failures'];

const Stored = z.object({ count: z.number().int().min(0), lastAt: z.number() });

/**
 * keys.json is writable by anyone who can write the data directory; the keychain item is not. The
 * counter read is the larger of the two, so deleting or lowering either copy changes nothing.
 * A keychain that is missing, locked or refusing is skipped: the file alone then counts, as before.
 */
export class FailureCounter {
  constructor(
    private readonly keyFile: KeyFile,
    private readonly keyStore: KeyStore,
  ) {}

  read(kf: KeyFileData): Failures {
    return larger(kf.failures, this.fromKeychain(kf.vaultId));
  }

  /** Counts one more wrong passphrase, in both copies, and returns the new count. */
  failed(now: number): Failures {
    let next: Failures = { count: 0, lastAt: now };
    this.keyFile.update((d) => {
      next = { count: this.read(d).count + 1, lastAt: now };
      return { ...d, failures: next };
    });
    this.toKeychain(this.keyFile.read().vaultId, next);
    return next;
  }

  /** After a successful unlock: both copies back to zero (only the ones that are not already). */
  reset(kf: KeyFileData): void {
    if (kf.failures.count > 0) this.keyFile.update((d) => ({ ...d, failures: { count: 0, lastAt: 0 } }));
    if ((this.fromKeychain(kf.vaultId)?.count ?? 0) > 0) this.toKeychain(kf.vaultId, { count: 0, lastAt: 0 });
  }

  private fromKeychain(vaultId: string): Failures | undefined {
    if (!this.keyStore.probe().available) return undefined;
    try {
      const bytes = this.keyStore.get(KEYCHAIN_SERVICE, account(vaultId));
      if (!bytes) return undefined;
      const parsed = Stored.safeParse(JSON.parse(bytes.toString('utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined; // locked or refusing keychain, or an unreadable item: the file's count stands
    }
  }

  private toKeychain(vaultId: string, failures: Failures): void {
    if (!this.keyStore.probe().available) return;
    try {
      this.keyStore.set(KEYCHAIN_SERVICE, account(vaultId), Buffer.from(JSON.stringify(failures), 'utf8'));
    } catch {
      // The file copy is already written; a keychain that refuses must not block an unlock attempt.
    }
  }
}

function account(vaultId: string): string {
  return `vault-${vaultId}-failures`;
}

function larger(file: Failures, keychain: Failures | undefined): Failures {
  if (!keychain) return file;
  return { count: Math.max(file.count, keychain.count), lastAt: Math.max(file.lastAt, keychain.lastAt) };
}
