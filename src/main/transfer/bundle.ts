// Encrypted bundles: a JSON envelope, Argon2id key derivation and AES-256-GCM (see docs/bundle-format.md).
import { argon2, createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../../shared/errors';

const argon2Async = promisify(argon2);

export const BUNDLE_FORMAT = 'strongroom-bundle';
export const BUNDLE_VERSION = 1;
export const MIN_PASSPHRASE_LENGTH = 8;

/** Argon2id cost: memory in KiB, passes, lanes. The default is RFC 9106's second recommendation. */
export interface KdfParams {
  m: number;
  t: number;
  p: number;
}

export const DEFAULT_KDF: KdfParams = { m: 65_536, t: 3, p: 4 };
/** What we accept when opening, so a hostile header cannot ask for 4 GiB or an hour of work. */
const KDF_LIMITS = { m: [8_192, 1_048_576], t: [1, 10], p: [1, 16] } as const;

interface Header {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  kdf: { alg: 'argon2id'; m: number; t: number; p: number; salt: string };
  cipher: { alg: 'aes-256-gcm'; iv: string };
  /** Tells a wrong passphrase apart from a damaged file: a hash of half the derived bytes. */
  check: string;
}

const FIX_DAMAGED = 'Ask for the bundle again: this copy was changed or damaged after it was written.';

function damaged(what: string): AppError {
  return new AppError('bad_file', `This bundle is damaged: ${what}.`, FIX_DAMAGED);
}

/** Serialises the header with a fixed key order; these bytes are the AES-GCM associated data. */
function headerBytes(h: Header): Buffer {
  const canonical = {
    format: h.format,
    version: h.version,
    kdf: { alg: h.kdf.alg, m: h.kdf.m, t: h.kdf.t, p: h.kdf.p, salt: h.kdf.salt },
    cipher: { alg: h.cipher.alg, iv: h.cipher.iv },
    check: h.check,
  };
  return Buffer.from(JSON.stringify(canonical), 'utf8');
}

async function deriveKeys(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<{ key: Buffer; check: Buffer }> {
  const derived = await argon2Async('argon2id', {
    // NFC so that the same passphrase typed on macOS and Linux gives the same key.
    message: Buffer.from(passphrase.normalize('NFC'), 'utf8'),
    nonce: salt,
    memory: kdf.m,
    passes: kdf.t,
    parallelism: kdf.p,
    tagLength: 64,
  });
  const check = createHash('sha256').update(derived.subarray(32)).digest().subarray(0, 16);
  return { key: derived.subarray(0, 32), check };
}

/** Encrypts `plaintext` under `passphrase` and returns the bundle file's text. */
export async function sealBundle(
  plaintext: Uint8Array,
  passphrase: string,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<string> {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError(
      'invalid_input',
      `A bundle passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`,
      'Choose a longer passphrase; a few unrelated words are easy to type and hard to guess.',
    );
  }
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { key, check } = await deriveKeys(passphrase, salt, kdf);
  const header: Header = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kdf: { alg: 'argon2id', ...kdf, salt: salt.toString('base64') },
    cipher: { alg: 'aes-256-gcm', iv: iv.toString('base64') },
    check: check.toString('base64'),
  };
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(headerBytes(header));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const envelope = {
    ...header,
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** True when the parsed JSON claims to be one of our bundles (whatever its version). */
export function isBundle(parsed: unknown): boolean {
  return typeof parsed === 'object' && parsed !== null && (parsed as { format?: unknown }).format === BUNDLE_FORMAT;
}

function b64(value: unknown, what: string, length?: number): Buffer {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
    throw damaged(`its ${what} is not base64`);
  }
  const bytes = Buffer.from(value, 'base64');
  if (length !== undefined && bytes.length !== length) throw damaged(`its ${what} has the wrong length`);
  return bytes;
}

function intIn(value: unknown, [lo, hi]: readonly [number, number], what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
    throw damaged(`its key derivation ${what} is outside ${lo}–${hi}`);
  }
  return value;
}

function readHeader(parsed: Record<string, unknown>): Header {
  if (parsed.version !== BUNDLE_VERSION) {
    throw new AppError(
      'unsupported',
      `This bundle has format version ${String(parsed.version).slice(0, 10)}; this Strongroom reads version ${BUNDLE_VERSION}.`,
      'Open it with the Strongroom version that wrote it, or a newer one.',
    );
  }
  const kdf = (parsed.kdf ?? {}) as Record<string, unknown>;
  const cipher = (parsed.cipher ?? {}) as Record<string, unknown>;
  if (kdf.alg !== 'argon2id') throw damaged('its key derivation is not argon2id');
  if (cipher.alg !== 'aes-256-gcm') throw damaged('its cipher is not aes-256-gcm');
  const salt = b64(kdf.salt, 'salt');
  if (salt.length < 16 || salt.length > 64) throw damaged('its salt has the wrong length');
  b64(cipher.iv, 'IV', 12);
  b64(parsed.check, 'passphrase check', 16);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kdf: {
      alg: 'argon2id',
      m: intIn(kdf.m, KDF_LIMITS.m, 'memory'),
      t: intIn(kdf.t, KDF_LIMITS.t, 'passes'),
      p: intIn(kdf.p, KDF_LIMITS.p, 'lanes'),
      salt: kdf.salt as string,
    },
    cipher: { alg: 'aes-256-gcm', iv: cipher.iv as string },
    check: parsed.check as string,
  };
}

/**
 * Decrypts a parsed bundle. A passphrase that does not match the check value is `wrong_passphrase`;
 * a matching passphrase whose ciphertext, tag or header fails authentication is `bad_file`.
 */
export async function openBundle(parsed: Record<string, unknown>, passphrase: string | undefined): Promise<Uint8Array> {
  const header = readHeader(parsed);
  if (passphrase === undefined || passphrase === '') {
    throw new AppError(
      'wrong_passphrase',
      'This file is an encrypted Strongroom bundle.',
      'Enter its passphrase to open it.',
    );
  }
  const iv = b64(header.cipher.iv, 'IV', 12);
  const tag = b64(parsed.tag, 'authentication tag', 16);
  const ciphertext = b64(parsed.ciphertext, 'ciphertext');
  const { key, check } = await deriveKeys(passphrase, b64(header.kdf.salt, 'salt'), header.kdf);
  if (!timingSafeEqual(check, b64(header.check, 'passphrase check', 16))) {
    throw new AppError(
      'wrong_passphrase',
      'The passphrase does not open this bundle.',
      'Check the passphrase with whoever made the bundle and try again.',
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(headerBytes(header));
  decipher.setAuthTag(tag);
  try {
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch {
    throw damaged('its contents fail the integrity check');
  }
}
