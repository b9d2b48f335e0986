// Test helper, the one certificate maker of the tests: throwaway CAs, server certificates (valid, expired, wrong SAN), self-signed certificates and keys.
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import {
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  Pkcs10CertificateRequestGenerator,
  SubjectAlternativeNameExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface TestCa {
  certPem: string;
  certDer: Uint8Array;
  keys: CryptoKeyPair;
  name: string;
}

export interface TestLeaf {
  certPem: string;
  certDer: Uint8Array;
  keyPem: string;
}

async function keyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

function serial(): string {
  return `01${Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString('hex')}`;
}

export interface CaOptions {
  notBefore?: Date;
  notAfter?: Date;
  /** Subject alternative names of the CA certificate itself (none by default). */
  sans?: { type: 'dns' | 'ip' | 'email'; value: string }[];
}

export async function makeCa(name = 'Test CA', opts: CaOptions = {}): Promise<TestCa> {
  const keys = await keyPair();
  const cert = await X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${name}`,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 365 * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new BasicConstraintsExtension(true, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      ...(opts.sans ? [new SubjectAlternativeNameExtension(opts.sans)] : []),
    ],
  });
  return { certPem: `${cert.toString('pem')}\n`, certDer: new Uint8Array(cert.rawData), keys, name: `CN=${name}` };
}

export interface LeafOptions {
  dns?: string[];
  ips?: string[];
  notBefore?: Date;
  notAfter?: Date;
  commonName?: string;
}

/** A server certificate signed by `ca`, with SANs (default: localhost and 127.0.0.1). */
export async function makeLeaf(ca: TestCa, opts: LeafOptions = {}): Promise<TestLeaf> {
  const keys = await keyPair();
  const names = [
    ...(opts.dns ?? ['localhost']).map((value) => ({ type: 'dns' as const, value })),
    ...(opts.ips ?? ['127.0.0.1']).map((value) => ({ type: 'ip' as const, value })),
  ];
  const cert = await X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${opts.commonName ?? 'test-apiserver'}`,
    issuer: ca.name,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 90 * DAY),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
      new SubjectAlternativeNameExtension(names),
    ],
  });
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certPem: `${cert.toString('pem')}\n`,
    certDer: new Uint8Array(cert.rawData),
    keyPem: PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  };
}

/** A PEM certificate signing request, to check that one given by mistake is named as such. */
export async function makeCsrPem(): Promise<string> {
  const keys = await keyPair();
  const csr = await Pkcs10CertificateRequestGenerator.create({ name: 'CN=csr', keys, signingAlgorithm: ALG });
  return csr.toString('pem');
}

export const DAYS = DAY;

/** A certificate in both encodings, for the value decoder's tests. */
export interface TestCert {
  pem: string;
  der: Uint8Array;
}

/** A self-signed certificate for `cn` with the given SANs and validity window. */
export async function makeCert(
  cn: string,
  notBefore: Date,
  notAfter: Date,
  sans: CaOptions['sans'] = [],
): Promise<TestCert> {
  const ca = await makeCa(cn, { notBefore, notAfter, sans });
  return { pem: ca.certPem, der: ca.certDer };
}

/** A PKCS#8 RSA private key in PEM. */
export function rsaKeyPem(bits = 2048): string {
  return generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({
    format: 'pem',
    type: 'pkcs8',
  }) as string;
}

/** A SEC1 EC private key in PEM. */
export function ecKeyPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
    format: 'pem',
    type: 'sec1',
  }) as string;
}
