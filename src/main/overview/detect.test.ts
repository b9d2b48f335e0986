// Unit tests of the overview's detectors: certificates in PEM/DER/bundles, weak values, keyed hashes.
import { describe, expect, it } from 'vitest';
import { makeCert } from '../../../test/support/test-pki';
import { certificatesIn, entropyBits, isPasswordKey, valueHash, weakness } from './detect';

const DAY = 86_400_000;

describe('certificatesIn', () => {
  it('finds a PEM certificate, each one of a bundle, and a DER one, keeping notAfter, subject and issuer', async () => {
    const notAfter = new Date(Math.floor((Date.now() + 5 * DAY) / 1000) * 1000);
    const a = await makeCert('leaf.example', new Date(Date.now() - DAY), notAfter);
    const b = await makeCert('ca.example', new Date(Date.now() - DAY), new Date(Date.now() + 400 * DAY));
    const [one] = certificatesIn(Buffer.from(a.pem));
    expect(one).toEqual({ subject: 'CN=leaf.example', issuer: 'CN=leaf.example', notAfter: notAfter.getTime() });
    expect(certificatesIn(Buffer.from(`junk\n${a.pem}${b.pem}`)).map((c) => c.subject)).toEqual([
      'CN=leaf.example',
      'CN=ca.example',
    ]);
    expect(certificatesIn(Buffer.from(a.der))).toEqual([one]);
  });

  it('finds nothing in plain values, keys, or a broken PEM block', () => {
    expect(certificatesIn(Buffer.from('hunter2'))).toEqual([]);
    expect(certificatesIn(Buffer.alloc(0))).toEqual([]);
    expect(certificatesIn(Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'))).toEqual([]);
    expect(certificatesIn(Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02]))).toEqual([]);
  });
});

describe('weakness', () => {
  it('flags short and low-entropy values under password-like keys only', () => {
    expect(weakness('password', Buffer.from('hunter2'))).toBe('short');
    expect(weakness('DB_PASSWORD', Buffer.from('aaaaaaaaaaaaaaaaaaaa'))).toBe('low_entropy');
    expect(weakness('api-key', Buffer.from('abababababababababab'))).toBe('low_entropy');
    expect(weakness('password', Buffer.from('Xk9#mQ2$vL7!pR4@wZ8&'))).toBeNull();
    expect(weakness('username', Buffer.from('admin'))).toBeNull();
    expect(weakness('tls.key', Buffer.from('short'))).toBeNull();
    expect(weakness('ssh-privatekey', Buffer.from('short'))).toBeNull();
    expect(weakness('password', Buffer.from([0xff, 0xfe, 0x00]))).toBeNull();
  });

  it('recognises password-like key names', () => {
    for (const k of ['password', 'passwd', 'pwd', 'db.password', 'token', 'client_secret', 'API_KEY', 'pin'])
      expect(isPasswordKey(k), k).toBe(true);
    for (const k of ['host', 'username', 'tls.crt', 'tls.key', 'ca.crt', 'private-key'])
      expect(isPasswordKey(k), k).toBe(false);
  });

  it('estimates entropy from the character distribution', () => {
    expect(entropyBits('aaaa')).toBe(0);
    expect(entropyBits('abcd')).toBe(8);
  });

  it('gives exactly the same bits on its ASCII path as counting characters in a Map', () => {
    const byMap = (text: string) => {
      const counts = new Map<string, number>();
      for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
      const n = [...text].length;
      let perChar = 0;
      for (const c of counts.values()) perChar -= (c / n) * Math.log2(c / n);
      return perChar * n;
    };
    const alphabet = 'abcAB12!~ \u0000\u007f';
    for (let i = 0; i < 500; i++) {
      const text = Array.from(
        { length: 1 + (i % 40) },
        () => alphabet[Math.floor(Math.random() * alphabet.length)],
      ).join('');
      expect(entropyBits(text), JSON.stringify(text)).toBe(byMap(text));
    }
    for (const text of ['pässwörd-1234', 'ключ🔑ключ', '']) expect(entropyBits(text)).toBe(byMap(text));
  });
});

describe('valueHash', () => {
  it('is equal for equal values under one key and differs across keys', () => {
    const k1 = Buffer.alloc(32, 1);
    const k2 = Buffer.alloc(32, 2);
    expect(valueHash(k1, Buffer.from('v'))).toEqual(valueHash(k1, Buffer.from('v')));
    expect(valueHash(k1, Buffer.from('v'))).not.toEqual(valueHash(k1, Buffer.from('w')));
    expect(valueHash(k1, Buffer.from('v'))).not.toEqual(valueHash(k2, Buffer.from('v')));
  });
});
