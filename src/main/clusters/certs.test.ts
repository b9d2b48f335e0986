// Certificate import: formats, warnings, and a clear bad_file error for everything that is not a certificate.
import { beforeAll, describe, expect, it } from 'vitest';
import { appErrorMessage } from '../../../test/support/clusters-helpers';
import { DAYS, makeCa, makeCsrPem, makeLeaf, type TestCa, type TestLeaf } from '../../../test/support/test-pki';
import { parseCertificates } from './certs';

const now = Date.now();
let ca: TestCa;
let leaf: TestLeaf;

beforeAll(async () => {
  ca = await makeCa('Cluster CA');
  leaf = await makeLeaf(ca, { dns: ['api.example.test'], ips: ['127.0.0.1'] });
});

function badFileMessage(input: Uint8Array | string): string {
  return appErrorMessage('bad_file', () => parseCertificates(input, { now }));
}

describe('parseCertificates', () => {
  it('reads a PEM CA with subject, validity, CA flag and a colon-hex SHA-256 fingerprint', () => {
    const { certs, warnings } = parseCertificates(ca.certPem, { now, expectCa: true });
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({ subject: 'CN=Cluster CA', issuer: 'CN=Cluster CA', isCA: true, selfIssued: true });
    expect(certs[0]?.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(warnings).toEqual([]);
  });

  it('reads the same certificate from DER bytes with the same fingerprint', () => {
    const fromPem = parseCertificates(ca.certPem, { now }).certs[0];
    const fromDer = parseCertificates(ca.certDer, { now }).certs[0];
    expect(fromDer?.fingerprintSha256).toBe(fromPem?.fingerprintSha256);
  });

  it('reads a chain in file order and lists the SANs of the leaf', () => {
    const { certs } = parseCertificates(`${leaf.certPem}\n${ca.certPem}`, { now });
    expect(certs.map((c) => c.isCA)).toEqual([false, true]);
    expect(certs[0]?.sans).toEqual(['DNS:api.example.test', 'IP:127.0.0.1']);
  });

  it('accepts base64 of a PEM, as certificate-authority-data holds it', () => {
    const { certs } = parseCertificates(Buffer.from(ca.certPem).toString('base64'), { now });
    expect(certs[0]?.subject).toBe('CN=Cluster CA');
  });

  it('warns when the leaf does not match the API URL host, and not when it does', () => {
    const chain = `${leaf.certPem}${ca.certPem}`;
    const bad = parseCertificates(chain, { now, serverUrl: 'https://other.example.test:6443' });
    expect(bad.warnings.map((w) => w.code)).toEqual(['name_mismatch']);
    expect(bad.warnings[0]?.message).toContain('other.example.test');
    expect(parseCertificates(chain, { now, serverUrl: 'https://api.example.test:6443' }).warnings).toEqual([]);
    expect(parseCertificates(chain, { now, serverUrl: 'https://127.0.0.1:6443' }).warnings).toEqual([]);
    const override = parseCertificates(chain, {
      now,
      serverUrl: 'https://10.0.0.1',
      tlsServerName: 'api.example.test',
    });
    expect(override.warnings).toEqual([]);
  });

  it('warns about a certificate that is not a CA when a CA is expected', () => {
    const { warnings } = parseCertificates(leaf.certPem, { now, expectCa: true });
    expect(warnings.map((w) => w.code)).toContain('not_ca');
  });

  it('warns about expired and not-yet-valid certificates', async () => {
    const old = await makeCa('Old', { notBefore: new Date(now - 30 * DAYS), notAfter: new Date(now - DAYS) });
    const early = await makeCa('Early', { notBefore: new Date(now + DAYS), notAfter: new Date(now + 30 * DAYS) });
    const { warnings } = parseCertificates(old.certPem + early.certPem, { now });
    expect(warnings.map((w) => [w.code, w.certIndex])).toEqual([
      ['expired', 0],
      ['not_yet_valid', 1],
    ]);
  });

  it('ignores a private key next to the certificate and says so', () => {
    const { certs, warnings } = parseCertificates(leaf.certPem + leaf.keyPem, { now });
    expect(certs).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'ignored_block' });
    expect(warnings[0]?.message).toContain('private key');
  });

  it('rejects an empty file', () => {
    expect(badFileMessage('')).toMatch(/empty/);
    expect(badFileMessage(' \n\t')).toMatch(/empty/);
  });

  it('rejects a private key given by mistake and names it', () => {
    expect(badFileMessage(leaf.keyPem)).toMatch(/private key, not a certificate/);
    const der = Buffer.from(leaf.keyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(badFileMessage(der)).toMatch(/private key, not a certificate/);
  });

  it('rejects a CSR and names it', async () => {
    const csr = await makeCsrPem();
    expect(badFileMessage(csr)).toMatch(/certificate signing request/);
    expect(badFileMessage(Buffer.from(csr.replace(/-----[^-]+-----|\s/g, ''), 'base64'))).toMatch(/signing request/);
  });

  it('rejects a truncated PEM', () => {
    expect(badFileMessage(ca.certPem.slice(0, ca.certPem.length - 40))).toMatch(/cut off or damaged/);
  });

  it('rejects a PEM whose base64 body is damaged', () => {
    const lines = ca.certPem.split('\n');
    lines[2] = 'AAAA';
    expect(badFileMessage(lines.join('\n'))).toMatch(/damaged/);
  });

  it('rejects random bytes and random text', () => {
    const random = crypto.getRandomValues(new Uint8Array(512));
    random[0] = 0x42;
    expect(badFileMessage(random)).toMatch(/not a certificate/);
    expect(badFileMessage('hello, this is my certificate')).toMatch(/not a certificate/);
  });
});
