// Seals and opens the vault key: AES-256-GCM under an Argon2id passphrase key or a keychain-held wrapping key.
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { KeychainWrap, PassphraseWrap } from './keyfile';

/** Argon2id cost: 64 MiB, 3 passes, 1 lane (OWASP's first recommended profile). */
export const ARGON2_DEFAULTS = { memoryKiB: 64 * 1024, passes: 3, parallelism: 1 } as const;
export type Argon2Params = { memoryKiB: number; passes: number; parallelism: number };

export const MIN_PASSPHRASE_LENGTH = 8;

export function newVaultKey(): Buffer {
  return crypto.randomBytes(32);
}

/** Derives the 32-byte key-encryption key from a passphrase. Async: 64 MiB of work stays off the event loop. */
export function derivePassphraseKey(passphrase: string, salt: Buffer, params: Argon2Params): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.argon2(
      'argon2id',
      {
        message: Buffer.from(passphrase.normalize('NFC'), 'utf8'),
        nonce: salt,
        parallelism: params.parallelism,
        tagLength: 32,
        memory: params.memoryKiB,
        passes: params.passes,
      },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Binds a wrap to its vault and kind, so a wrap cannot be moved to another vault or slot unnoticed. */
function aad(vaultId: string, kind: string): Buffer {
  return Buffer.from(`strongroom-vault-key:v1:${vaultId}:${kind}`, 'utf8');
}

interface Sealed {
  iv: string;
  ciphertext: string;
  tag: string;
}

function seal(kek: Buffer, vaultKey: Buffer, associated: Buffer): Sealed {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(associated);
  const ciphertext = Buffer.concat([cipher.update(vaultKey), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Returns the vault key, or null when the key-encryption key is wrong (GCM authentication failed). */
function open(kek: Buffer, sealed: Sealed, associated: Buffer): Buffer | null {
  const decipher = crypto.createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(associated);
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null; // GCM says the key or data is wrong; the caller turns this into a user error
  }
}

export async function wrapWithPassphrase(
  vaultKey: Buffer,
  passphrase: string,
  vaultId: string,
  params: Argon2Params = ARGON2_DEFAULTS,
): Promise<PassphraseWrap> {
  assertPassphraseStrength(passphrase);
  const salt = crypto.randomBytes(16);
  const kek = await derivePassphraseKey(passphrase, salt, params);
  try {
    return {
      kdf: 'argon2id',
      ...params,
      salt: salt.toString('base64'),
      ...seal(kek, vaultKey, aad(vaultId, 'passphrase')),
    };
  } finally {
    kek.fill(0);
  }
}

/** Opens a passphrase wrap; null means the passphrase is wrong. Reports how long Argon2id took. */
export async function unwrapWithPassphrase(
  wrap: PassphraseWrap,
  passphrase: string,
  vaultId: string,
): Promise<{ key: Buffer | null; kdfMs: number }> {
  const started = performance.now();
  const kek = await derivePassphraseKey(passphrase, Buffer.from(wrap.salt, 'base64'), wrap);
  const kdfMs = performance.now() - started;
  try {
    return { key: open(kek, wrap, aad(vaultId, 'passphrase')), kdfMs };
  } finally {
    kek.fill(0);
  }
}

export function wrapWithKeychainKey(
  vaultKey: Buffer,
  wrappingKey: Buffer,
  vaultId: string,
  service: string,
  account: string,
): KeychainWrap {
  return { service, account, ...seal(wrappingKey, vaultKey, aad(vaultId, 'keychain')) };
}

export function unwrapWithKeychainKey(wrap: KeychainWrap, wrappingKey: Buffer, vaultId: string): Buffer | null {
  return open(wrappingKey, wrap, aad(vaultId, 'keychain'));
}

export function assertPassphraseStrength(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError(
      'invalid_input',
      `The passphrase is too short (at least ${MIN_PASSPHRASE_LENGTH} characters).`,
      'Choose a longer passphrase; a few unrelated words work well.',
    );
  }
}

/** A key derived from the vault key for one purpose (HKDF-SHA256), e.g. the audit checkpoint MAC. */
export function subkey(vaultKey: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', vaultKey, Buffer.alloc(0), `strongroom:${purpose}`, 32));
}
