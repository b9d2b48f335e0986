// Sealed delivery: X25519 + HKDF-SHA256 + AES-256-GCM envelopes for one Secret value, bound to its namespace/name/key (docs/sealed-delivery.md).
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/** The annotation that marks a Secret's values as sealed, and to which key (its id). */
export const SEALED_ANNOTATION = 'strongroom.io/sealed-to';
const MAGIC = Buffer.from('SRS1', 'ascii');
const INFO = Buffer.from('strongroom sealed v1', 'ascii');
const KEY_LEN = 32;
const NONCE_LEN = 12;
const TAG_LEN = 16;
const HEADER_LEN = MAGIC.length + KEY_LEN + NONCE_LEN;

/** Where a value lives; it is the AES-GCM associated data, so a value moved to another key fails to open. */
export interface ValuePlace {
  namespace: string;
  secret: string;
  key: string;
}

export class SealedBoxError extends Error {
  override readonly name = 'SealedBoxError';
}

function rawPublic(key: KeyObject): Buffer {
  const x = key.export({ format: 'jwk' }).x;
  if (!x) throw new SealedBoxError('not an X25519 key');
  return Buffer.from(x, 'base64url');
}

function aad(place: ValuePlace): Buffer {
  return Buffer.from(`${place.namespace}/${place.secret}/${place.key}`, 'utf8');
}

function derive(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, KEY_LEN));
}

/** A new agent key pair, as PEM: PKCS#8 private key and SPKI public key. */
export function generateAgentKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** Reads an X25519 public key from SPKI PEM; throws SealedBoxError for anything else. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new SealedBoxError('the public key is not a PEM public key');
  }
  if (key.asymmetricKeyType !== 'x25519') throw new SealedBoxError('the public key is not an X25519 key');
  return key;
}

export function parsePrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new SealedBoxError('the private key is not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'x25519') throw new SealedBoxError('the private key is not an X25519 key');
  return key;
}

/** A short, stable id of a public key: hex of the first 8 bytes of SHA-256 over its raw 32 bytes. */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublic(publicKey)).digest('hex').slice(0, 16);
}

/** Encrypts one value to the recipient with a fresh ephemeral key; the output is the raw envelope. */
export function seal(value: Buffer, recipient: KeyObject, place: ValuePlace): Buffer {
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawPublic(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
  const key = derive(shared, ephRaw, rawPublic(recipient));
  const nonce = randomBytes(NONCE_LEN);
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad(place));
  const body = Buffer.concat([cipher.update(value), cipher.final()]);
  return Buffer.concat([MAGIC, ephRaw, nonce, body, cipher.getAuthTag()]);
}

export function isSealed(envelope: Buffer): boolean {
  return envelope.length >= HEADER_LEN + TAG_LEN && envelope.subarray(0, MAGIC.length).equals(MAGIC);
}

/** Opens an envelope with the agent's private key; throws SealedBoxError if it was not sealed to it, for this place. */
export function open(envelope: Buffer, privateKey: KeyObject, place: ValuePlace): Buffer {
  if (!isSealed(envelope)) throw new SealedBoxError('the value is not a sealed envelope');
  const ephRaw = envelope.subarray(MAGIC.length, MAGIC.length + KEY_LEN);
  const nonce = envelope.subarray(MAGIC.length + KEY_LEN, HEADER_LEN);
  const body = envelope.subarray(HEADER_LEN, envelope.length - TAG_LEN);
  const tag = envelope.subarray(envelope.length - TAG_LEN);
  const ephemeral = createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: ephRaw.toString('base64url') },
    format: 'jwk',
  });
  const shared = diffieHellman({ privateKey, publicKey: ephemeral });
  const key = derive(shared, ephRaw, rawPublic(createPublicKey(privateKey)));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(aad(place)).setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new SealedBoxError(`the value of ${place.secret}/${place.key} was not sealed to this key, or was altered`);
  }
}
