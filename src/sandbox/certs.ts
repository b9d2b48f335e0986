// The sandbox's own CA and its server certificate for 127.0.0.1/localhost/::1, made with @peculiar/x509.
// @peculiar/x509 uses tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

export interface SandboxPki {
  ca: KeyPairPem;
  server: KeyPairPem;
  /** Upper-case hex, colon separated, as `openssl x509 -fingerprint -sha256` prints it. */
  caFingerprintSha256: string;
  /** Issues a leaf certificate signed by the CA (the demo's TLS Secrets use it). */
  issue(commonName: string, dnsNames: string[]): Promise<KeyPairPem>;
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)?.join('\n')}\n-----END ${label}-----\n`;
}

function fromPem(pem: string): ArrayBuffer {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const buf = Buffer.from(b64, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

async function exportKey(key: CryptoKey): Promise<string> {
  return toPem(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function createCa(): Promise<{ pem: KeyPairPem; cert: x509.X509Certificate; key: CryptoKey }> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=strongroom-sandbox-ca',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    pem: { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) },
    cert,
    key: keys.privateKey,
  };
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function issueLeaf(
  ca: x509.X509Certificate,
  caKey: CryptoKey,
  commonName: string,
  dnsNames: string[],
  ips: string[],
): Promise<KeyPairPem> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const names = [
    ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...ips.map((value) => ({ type: 'ip' as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${commonName}`,
    issuer: ca.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}

/** Loads the CA from `caDir` (ca.crt/ca.key) or creates it there; issues a fresh server certificate. */
export async function createPki(caDir?: string): Promise<SandboxPki> {
  let caPem: KeyPairPem;
  let caCert: x509.X509Certificate;
  let caKey: CryptoKey;
  const certFile = caDir ? join(caDir, 'ca.crt') : '';
  const keyFile = caDir ? join(caDir, 'ca.key') : '';
  if (caDir && existsSync(certFile) && existsSync(keyFile)) {
    caPem = { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
    caCert = new x509.X509Certificate(caPem.certPem);
    caKey = (await webcrypto.subtle.importKey('pkcs8', fromPem(caPem.keyPem), ALG, false, [
      'sign',
    ])) as unknown as CryptoKey;
  } else {
    const created = await createCa();
    ({ pem: caPem, cert: caCert, key: caKey } = created);
    if (caDir) {
      mkdirSync(caDir, { recursive: true });
      writeFileSync(certFile, caPem.certPem);
      writeFileSync(keyFile, caPem.keyPem, { mode: 0o600 });
    }
  }
  const server = await issueLeaf(caCert, caKey, 'strongroom-sandbox', ['localhost'], ['127.0.0.1', '::1']);
  const digest = createHash('sha256').update(Buffer.from(caCert.rawData)).digest('hex').toUpperCase();
  return {
    ca: caPem,
    server,
    caFingerprintSha256: digest.match(/.{2}/g)?.join(':') ?? digest,
    issue: (cn, dns) => issueLeaf(caCert, caKey, cn, dns, []),
  };
}
