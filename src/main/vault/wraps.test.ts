// Key wraps: Argon2id + AES-GCM round trips, wrong secrets rejected, wraps bound to their vault.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from './ratelimit';
import {
  ARGON2_DEFAULTS,
  newVaultKey,
  unwrapWithKeychainKey,
  unwrapWithPassphrase,
  wrapWithKeychainKey,
  wrapWithPassphrase,
} from './wraps';

const ID = crypto.randomUUID();

describe('passphrase wrap', () => {
  it('stores Argon2id parameters (64 MiB, t=3) and opens only with the right passphrase and vault id', async () => {
    const key = newVaultKey();
    const wrap = await wrapWithPassphrase(key, 'a good passphrase', ID);
    expect(wrap).toMatchObject({ kdf: 'argon2id', memoryKiB: 65536, passes: 3, parallelism: 1 });
    expect(ARGON2_DEFAULTS.memoryKiB).toBe(64 * 1024);
    expect((await unwrapWithPassphrase(wrap, 'a good passphrase', ID)).key?.equals(key)).toBe(true);
    expect((await unwrapWithPassphrase(wrap, 'a good passphrasE', ID)).key).toBeNull();
    expect((await unwrapWithPassphrase(wrap, 'a good passphrase', crypto.randomUUID())).key).toBeNull();
    expect(JSON.stringify(wrap)).not.toContain(key.toString('base64'));
  });

  it('rejects a passphrase shorter than 8 characters', async () => {
    await expect(wrapWithPassphrase(newVaultKey(), 'short', ID)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('keychain wrap', () => {
  it('opens only with the same wrapping key', () => {
    const key = newVaultKey();
    const wk = crypto.randomBytes(32);
    const wrap = wrapWithKeychainKey(key, wk, ID, 'Strongroom', 'vault-x');
    expect(unwrapWithKeychainKey(wrap, wk, ID)?.equals(key)).toBe(true);
    expect(unwrapWithKeychainKey(wrap, crypto.randomBytes(32), ID)).toBeNull();
    expect(unwrapWithKeychainKey({ ...wrap, ciphertext: Buffer.alloc(32).toString('base64') }, wk, ID)).toBeNull();
  });
});

describe('back-off', () => {
  it('lets five attempts through, then doubles the wait up to 15 minutes', () => {
    expect([0, 4, 5, 6, 7].map(backoffMs)).toEqual([0, 0, 5000, 10000, 20000]);
    expect(backoffMs(40)).toBe(15 * 60_000);
    expect(retryAfterMs({ count: 6, lastAt: 1000 }, 4000)).toBe(7000);
    expect(retryAfterMs({ count: 6, lastAt: 1000 }, 20000)).toBe(0);
  });
});
