// Fetching a server's chain without trusting it: real TLS servers on loopback, and a closed port.
import type net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../../test/support/clusters-helpers';
import { makeCa, makeLeaf, type TestCa } from '../../../test/support/test-pki';
import { isAppError } from '../../shared/errors';
import { fetchServerChain } from './server-chain';

let ca: TestCa;
let server: tls.Server;
let port: number;

beforeAll(async () => {
  ca = await makeCa('Chain CA');
  const leaf = await makeLeaf(ca);
  server = tls.createServer({ cert: leaf.certPem + ca.certPem, key: leaf.keyPem }, (s) => s.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('fetchServerChain', () => {
  it('returns the leaf and the CA the server sends, with fingerprints to confirm', async () => {
    const { certs, warnings } = await fetchServerChain(`https://127.0.0.1:${port}`, {
      timeoutMs: 3000,
      now: Date.now(),
    });
    expect(certs.map((c) => c.subject)).toEqual(['CN=test-apiserver', 'CN=Chain CA']);
    const caFingerprint = certs[1]?.fingerprintSha256;
    expect(caFingerprint).toMatch(/^[0-9A-F:]{95}$/);
    expect(warnings).toEqual([]);
  });

  it('warns when the certificate does not match the server name used', async () => {
    const { warnings } = await fetchServerChain(`https://127.0.0.1:${port}`, {
      timeoutMs: 3000,
      now: Date.now(),
      servername: 'api.elsewhere.test',
    });
    expect(warnings.map((w) => w.code)).toEqual(['name_mismatch']);
  });

  it('says nothing listens on a closed port', async () => {
    const error = await fetchServerChain(`https://127.0.0.1:${await closedPort()}`, {
      timeoutMs: 3000,
      now: Date.now(),
    }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('unreachable');
    expect((error as Error).message).toMatch(/refused/);
  });

  it('warns and points at the CA when the server sends only its own certificate', async () => {
    const leaf = await makeLeaf(ca);
    const leafOnly = tls.createServer({ cert: leaf.certPem, key: leaf.keyPem }, (s) => s.end());
    await new Promise<void>((resolve) => leafOnly.listen(0, '127.0.0.1', resolve));
    try {
      const at = `https://127.0.0.1:${(leafOnly.address() as net.AddressInfo).port}`;
      const { certs, warnings } = await fetchServerChain(at, { timeoutMs: 3000, now: Date.now() });
      expect(certs.map((c) => c.issuer)).toEqual(['CN=Chain CA']);
      expect(warnings).toEqual([
        expect.objectContaining({ code: 'not_ca', message: expect.stringMatching(/print the CA/) }),
      ]);
    } finally {
      await new Promise<void>((resolve) => leafOnly.close(() => resolve()));
    }
  });

  it('rejects a URL that is not https', async () => {
    await expect(fetchServerChain('http://127.0.0.1:1', { timeoutMs: 1000, now: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
