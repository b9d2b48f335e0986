// Tests of encrypted bundles: round trip, wrong passphrase, tampering anywhere, and hostile headers.
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF, openBundle, sealBundle } from './bundle';

const FAST = { m: 8_192, t: 1, p: 1 };
const PASS = 'correct horse battery';
const plain = Uint8Array.from([0, 255, 10, 13, 10, 65]);

async function sealed(): Promise<Record<string, unknown>> {
  return JSON.parse(await sealBundle(plain, PASS, FAST));
}

describe('bundles', () => {
  it('round-trips bytes exactly with the default Argon2id cost', async () => {
    const text = await sealBundle(plain, PASS);
    const envelope = JSON.parse(text);
    expect(envelope).toMatchObject({
      format: 'strongroom-bundle',
      version: 1,
      kdf: { alg: 'argon2id', ...DEFAULT_KDF },
      cipher: { alg: 'aes-256-gcm' },
    });
    expect(await openBundle(envelope, PASS)).toEqual(plain);
  });

  it('uses a fresh salt and IV for every bundle', async () => {
    const [a, b] = [await sealed(), await sealed()];
    expect(a.kdf).not.toEqual(b.kdf);
    expect(a.cipher).not.toEqual(b.cipher);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
  });

  it('treats the passphrase in NFC, so composed and decomposed accents open the same bundle', async () => {
    const envelope = JSON.parse(await sealBundle(plain, 'caf\u00e9 caf\u00e9', FAST));
    expect(await openBundle(envelope, 'cafe\u0301 cafe\u0301')).toEqual(plain);
  });

  it('answers wrong_passphrase for a wrong or missing passphrase', async () => {
    const envelope = await sealed();
    await expect(openBundle(envelope, 'not the one')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await expect(openBundle(envelope, undefined)).rejects.toMatchObject({ code: 'wrong_passphrase' });
  });

  it('answers bad_file for a changed ciphertext, tag or IV', async () => {
    for (const field of ['ciphertext', 'tag', 'iv'] as const) {
      const envelope = await sealed();
      const target =
        field === 'iv' ? (envelope.cipher as Record<string, string>) : (envelope as Record<string, string>);
      const bytes = Buffer.from(target[field] as string, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      target[field] = bytes.toString('base64');
      await expect(openBundle(envelope, PASS), field).rejects.toMatchObject({ code: 'bad_file' });
    }
  });

  it('refuses a changed KDF cost as a wrong passphrase, since the key no longer matches', async () => {
    const envelope = await sealed();
    (envelope.kdf as Record<string, number>).t = 2;
    await expect(openBundle(envelope, PASS)).rejects.toMatchObject({ code: 'wrong_passphrase' });
  });

  it('refuses hostile KDF costs before deriving anything', async () => {
    const envelope = await sealed();
    (envelope.kdf as Record<string, number>).m = 4_194_304;
    const start = performance.now();
    await expect(openBundle(envelope, PASS)).rejects.toMatchObject({ code: 'bad_file' });
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('refuses a newer format version as unsupported and malformed fields as bad_file', async () => {
    await expect(openBundle({ ...(await sealed()), version: 2 }, PASS)).rejects.toMatchObject({ code: 'unsupported' });
    await expect(openBundle({ ...(await sealed()), tag: 'AAAA' }, PASS)).rejects.toMatchObject({ code: 'bad_file' });
    await expect(openBundle({ ...(await sealed()), check: 42 }, PASS)).rejects.toMatchObject({ code: 'bad_file' });
  });

  it('refuses a passphrase shorter than 8 characters when sealing', async () => {
    await expect(sealBundle(plain, 'short', FAST)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
