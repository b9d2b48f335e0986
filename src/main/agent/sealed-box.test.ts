// Sealed envelopes: round trip, binding to namespace/Secret/key, the wrong key, tampering, and the key id.
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateAgentKeyPair,
  isSealed,
  keyId,
  open,
  parsePrivateKey,
  parsePublicKey,
  SealedBoxError,
  seal,
} from './sealed-box';

const pair = generateAgentKeyPair();
const pub = parsePublicKey(pair.publicKeyPem);
const priv = parsePrivateKey(pair.privateKeyPem);
const place = { namespace: 'team', secret: 'db', key: 'password' };

describe('sealed box', () => {
  it('opens what it sealed, byte-exact, with a fresh envelope each time', () => {
    const value = Buffer.from([0, 1, 2, 255, 10, 10]);
    const a = seal(value, pub, place);
    const b = seal(value, pub, place);
    expect(a.equals(b)).toBe(false);
    expect(isSealed(a)).toBe(true);
    expect(a.length).toBe(4 + 32 + 12 + value.length + 16);
    expect(open(a, priv, place).equals(value)).toBe(true);
    expect(open(seal(Buffer.alloc(0), pub, place), priv, place).length).toBe(0);
  });

  it('refuses a value moved to another key, Secret or namespace', () => {
    const env = seal(Buffer.from('pw'), pub, place);
    for (const other of [
      { ...place, key: 'user' },
      { ...place, secret: 'api' },
      { ...place, namespace: 'prod' },
    ])
      expect(() => open(env, priv, other)).toThrow(SealedBoxError);
  });

  it('refuses another agent key and any altered byte', () => {
    const env = seal(Buffer.from('pw'), pub, place);
    const other = parsePrivateKey(generateAgentKeyPair().privateKeyPem);
    expect(() => open(env, other, place)).toThrow(/not sealed to this key/);
    for (const at of [5, 40, 49, env.length - 1]) {
      const bad = Buffer.from(env);
      bad[at] = (bad[at] as number) ^ 1;
      expect(() => open(bad, priv, place)).toThrow(SealedBoxError);
    }
    expect(() => open(Buffer.from('plain'), priv, place)).toThrow(/not a sealed envelope/);
  });

  it('names a key by 16 hex characters, the same from the private and the public key', () => {
    expect(keyId(pub)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyId(createPublicKey(priv))).toBe(keyId(pub));
    expect(() => parsePublicKey('nope')).toThrow(SealedBoxError);
  });
});
