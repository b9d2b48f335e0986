// Fuzz tests of the offline importers and the decoder: mutated files only ever give a value or a clear AppError.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTATORS, randomBytes, rng } from '../../../test/support/fuzz';
import { isAppError } from '../../shared/errors';
import { decodeValue } from '../values/decode';
import { sealBundle } from './bundle';
import { readOfflineFile } from './offline';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/transfer');
const SEEDS = ['kubectl-secret.fixture.yaml', 'kubectl-list.fixture.json', 'multi.fixture.yaml'].map((name) => ({
  name,
  bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))),
}));
const EXPECTED_CODES = ['bad_file', 'wrong_passphrase', 'unsupported'];
/** The fixture's password, base64 and plain: it must never appear in an error. */
const SECRET_MARKERS = ['aHVudGVyMgo', 'hunter2'];

function pickMutator(next: () => number): (typeof MUTATORS)[number] {
  return MUTATORS[Math.floor(next() * MUTATORS.length)] as (typeof MUTATORS)[number];
}

async function expectValueOrClearError(name: string, content: Uint8Array, passphrase?: string): Promise<void> {
  try {
    const file = await readOfflineFile(name, content, passphrase);
    expect(file.secrets.length).toBeGreaterThan(0);
  } catch (error) {
    if (!isAppError(error)) throw new Error(`plain error for a mutated ${name}: ${String(error)}`);
    expect(EXPECTED_CODES).toContain(error.code);
    for (const marker of SECRET_MARKERS) expect(`${error.message} ${error.fix ?? ''}`).not.toContain(marker);
  }
}

describe('offline importer fuzz', () => {
  it('answers every mutated kubectl file with Secrets or a clear error', async () => {
    const next = rng(8);
    for (let i = 0; i < 1500; i++) {
      const seed = SEEDS[i % SEEDS.length] as (typeof SEEDS)[number];
      let bytes: Uint8Array = seed.bytes;
      const rounds = 1 + Math.floor(next() * 3);
      for (let r = 0; r < rounds; r++) bytes = pickMutator(next)(next, bytes);
      await expectValueOrClearError(seed.name, bytes);
    }
  });

  it('answers random bytes under every extension with a clear error', async () => {
    const next = rng(9);
    for (let i = 0; i < 300; i++) {
      const name = ['x.json', 'x.yaml', 'x'][i % 3] as string;
      await expectValueOrClearError(name, randomBytes(next, Math.floor(next() * 2048)));
    }
  });

  it('answers structurally odd Secrets (wrong types in every field) with a clear error', async () => {
    const next = rng(10);
    const odd = [null, 1, true, 'x', [], ['a'], {}, { a: 1 }, { a: 'eA==' }, '', 'not base64!'];
    const pick = () => odd[Math.floor(next() * odd.length)];
    for (let i = 0; i < 1000; i++) {
      const secret = {
        kind: next() < 0.9 ? 'Secret' : pick(),
        metadata:
          next() < 0.8
            ? {
                name: next() < 0.8 ? 's' : pick(),
                namespace: next() < 0.8 ? 'ns' : pick(),
                labels: pick(),
                annotations: pick(),
              }
            : pick(),
        type: next() < 0.5 ? 'Opaque' : pick(),
        data: pick(),
        stringData: pick(),
        immutable: pick(),
      };
      const doc =
        next() < 0.3 ? { kind: next() < 0.5 ? 'List' : 'SecretList', items: next() < 0.8 ? [secret] : pick() } : secret;
      await expectValueOrClearError('odd.json', new TextEncoder().encode(JSON.stringify(doc)));
    }
  });

  it('answers mutated bundles with wrong_passphrase, bad_file or unsupported, never a crash', async () => {
    const plain = fs.readFileSync(path.join(FIXTURES, 'kubectl-list.fixture.json'));
    const sealed = new TextEncoder().encode(await sealBundle(plain, 'correct horse', { m: 8_192, t: 1, p: 1 }));
    const next = rng(11);
    for (let i = 0; i < 60; i++) {
      await expectValueOrClearError('b.json', pickMutator(next)(next, sealed), 'correct horse');
    }
  });
});

describe('decoder fuzz', () => {
  it('decodes random and mutated values without throwing, under every key hint', () => {
    const next = rng(12);
    const keys = ['tls.crt', 'tls.key', '.dockerconfigjson', '.dockercfg', 'config.json', 'value'];
    const seeds = [
      '{"auths":{"r":{"auth":"cm9ib3Q6cHc="}}}',
      '-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAK\n-----END CERTIFICATE-----\n',
      '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
      'plain text\r\n',
    ].map((s) => new TextEncoder().encode(s));
    for (let i = 0; i < 2000; i++) {
      const seed = seeds[i % seeds.length] as Uint8Array;
      const bytes = i % 5 === 0 ? randomBytes(next, Math.floor(next() * 512)) : pickMutator(next)(next, seed);
      const decoded = decodeValue(bytes, { key: keys[i % keys.length] as string, now: 0 });
      expect(decoded.size).toBe(bytes.length);
    }
  });
});
