// Fuzzes the certificate importer: random and mutated inputs only ever give an AppError, and quickly.
import { beforeAll, describe, expect, it } from 'vitest';
import { MUTATORS, randomBytes, rng } from '../../../test/support/fuzz';
import { makeCa, makeLeaf } from '../../../test/support/test-pki';
import { isAppError } from '../../shared/errors';
import { parseCertificates } from './certs';

const seeds: Uint8Array[] = [];

beforeAll(async () => {
  const ca = await makeCa('Fuzz CA');
  const leaf = await makeLeaf(ca);
  const enc = new TextEncoder();
  seeds.push(ca.certDer, leaf.certDer, enc.encode(ca.certPem), enc.encode(leaf.certPem + ca.certPem));
  seeds.push(enc.encode(Buffer.from(ca.certPem).toString('base64')));
});

function attempt(input: Uint8Array | string): void {
  const started = performance.now();
  try {
    parseCertificates(input, { now: Date.now(), expectCa: true, serverUrl: 'https://127.0.0.1:6443' });
  } catch (error) {
    if (!isAppError(error))
      throw new Error(`non-AppError for input ${Buffer.from(input).toString('base64')}: ${error}`);
    expect(error.code).toBe('bad_file');
    expect(error.message.length).toBeGreaterThan(5);
  }
  expect(performance.now() - started).toBeLessThan(500);
}

describe('certificate importer under fuzzing', () => {
  it('gives only bad_file errors for random bytes of every size', () => {
    const next = rng(7);
    for (let i = 0; i < 400; i++) attempt(randomBytes(next, Math.floor(next() * 3000)));
    // Random bytes that look like a DER SEQUENCE go further into the parser.
    for (let i = 0; i < 400; i++) {
      const bytes = randomBytes(next, 2 + Math.floor(next() * 600));
      bytes[0] = 0x30;
      attempt(bytes);
    }
  });

  it('gives only bad_file errors or results for bit-flipped, truncated and spliced certificates', () => {
    const next = rng(42);
    for (let i = 0; i < 1500; i++) {
      const seed = seeds[i % seeds.length] as Uint8Array;
      const mutate = MUTATORS[Math.floor(next() * MUTATORS.length)] as (n: () => number, b: Uint8Array) => Uint8Array;
      attempt(mutate(next, seed));
    }
  });

  it('stays fast on deeply nested DER', () => {
    const nested = new Uint8Array(4000);
    for (let i = 0; i < nested.length; i += 2) {
      nested[i] = 0x30;
      nested[i + 1] = 0x80;
    }
    attempt(nested);
  });
});
