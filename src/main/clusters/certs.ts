// Reads certificates (PEM, DER, chains, bundles, PKCS#7) into user-facing info and warnings, with @peculiar/x509.
import { X509Certificate as NodeX509 } from 'node:crypto';
import { isIP } from 'node:net';
import type { CertificateInfo, CertificateWarning, ParsedCertificates } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import {
  type Der,
  describeCertificate,
  CERT_FILE_FIX as FIX_EXPORT,
  CERT_PARSE_OPTIONS as PARSE_OPTIONS,
} from '../values/certificate';
import { x509 } from '../values/x509';

/** Larger than any sane CA bundle (the Mozilla bundle is ~220 KB); bounds work on hostile input. */
export const MAX_CERT_FILE_BYTES = 1024 * 1024;
const MAX_CERTS = 200;

export interface CertCheckOptions {
  now: number;
  /** Warn when no certificate in the file is a CA (true for a trust store import). */
  expectCa?: boolean;
  /** The API URL; the leaf certificate is checked against its host (or `tlsServerName`). */
  serverUrl?: string;
  tlsServerName?: string;
}

function badFile(message: string, fix = FIX_EXPORT): AppError {
  return new AppError('bad_file', message, fix);
}

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;
const PEM_END = /-----END ([A-Z0-9 ]+)-----/g;

/** Names a PEM label that is not a certificate, so the user learns what they picked instead. */
function describeLabel(label: string): string | undefined {
  if (/PRIVATE KEY/.test(label)) return 'a private key, not a certificate';
  if (/CERTIFICATE REQUEST/.test(label)) return 'a certificate signing request (CSR), not a certificate';
  if (/PUBLIC KEY/.test(label)) return 'a public key, not a certificate';
  if (/X509 CRL/.test(label)) return 'a certificate revocation list, not a certificate';
  return undefined;
}

function wrongKind(what: string): AppError {
  const keyHint = what.startsWith('a private key')
    ? ' Never share a private key: keep it where it was and pick the matching certificate instead.'
    : '';
  return badFile(`This file is ${what}.${keyHint}`);
}

/** Splits the input into DER certificates, explaining anything that is not one. */
function extractDer(input: Uint8Array | string, depth = 0): { ders: Der[]; ignored: string[] } {
  const bytes = new Uint8Array(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  if (bytes.length > MAX_CERT_FILE_BYTES) {
    throw badFile(`This file is too large for a certificate (${Math.round(bytes.length / 1024)} KB).`);
  }
  const text = Buffer.from(bytes.buffer, 0, bytes.length).toString('latin1');
  if (text.trim() === '') throw badFile('The file is empty.');
  if (text.includes('-----BEGIN ')) return extractPem(text);
  // Binary: DER certificate, DER PKCS#7 bundle, or something else we can name.
  if (bytes[0] === 0x30) return { ders: extractBinary(bytes), ignored: [] };
  // Base64 text without PEM armour, e.g. certificate-authority-data pasted from a kubeconfig.
  const compact = text.replace(/\s+/g, '');
  if (depth === 0 && compact.length >= 64 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    return extractDer(Buffer.from(compact, 'base64'), depth + 1);
  }
  throw badFile('This file is not a certificate: it is neither PEM nor DER.');
}

function extractPem(text: string): { ders: Der[]; ignored: string[] } {
  const begins = [...text.matchAll(PEM_BEGIN)].map((m) => m[1] ?? '');
  const ends = [...text.matchAll(PEM_END)].map((m) => m[1] ?? '');
  const certLabels = new Set(['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE', 'PKCS7']);
  if (begins.length !== ends.length || begins.some((label, i) => ends[i] !== label)) {
    throw badFile(
      'The PEM text is cut off or damaged: a "-----BEGIN" line has no matching "-----END" line.',
      'Copy the whole certificate again, from "-----BEGIN CERTIFICATE-----" to "-----END CERTIFICATE-----".',
    );
  }
  const certBlocks = begins.filter((label) => certLabels.has(label));
  if (certBlocks.length === 0) {
    const what = begins.map(describeLabel).find(Boolean);
    throw what ? wrongKind(what) : badFile(`This PEM file holds "${begins[0]}", not a certificate.`);
  }
  const { PemConverter } = x509();
  let structs: ReturnType<typeof PemConverter.decodeWithHeaders>;
  try {
    structs = PemConverter.decodeWithHeaders(text);
  } catch (error) {
    throw new AppError('bad_file', 'The PEM text is damaged and cannot be decoded.', FIX_EXPORT, { cause: error });
  }
  const ders: Der[] = [];
  const ignored: string[] = [];
  for (const struct of structs) {
    const raw = new Uint8Array(struct.rawData);
    if (struct.type === 'PKCS7') ders.push(...pkcs7Certs(raw));
    else if (certLabels.has(struct.type)) ders.push(raw);
    else ignored.push(struct.type);
  }
  if (ders.length < certBlocks.length) {
    throw badFile('Some of the PEM text is damaged: a certificate block could not be decoded.');
  }
  return { ders, ignored };
}

function pkcs7Certs(raw: Der): Der[] {
  try {
    const list = new (x509().X509Certificates)(raw, PARSE_OPTIONS);
    return list.map((c) => new Uint8Array(c.rawData));
  } catch (error) {
    throw new AppError('bad_file', 'The PKCS#7 bundle is damaged.', FIX_EXPORT, { cause: error });
  }
}

function extractBinary(bytes: Der): Der[] {
  const { X509Certificate, X509Certificates, Pkcs10CertificateRequest } = x509();
  if (tryParse(() => new X509Certificate(bytes, PARSE_OPTIONS))) return [bytes];
  const bundle = tryParse(() => new X509Certificates(bytes, PARSE_OPTIONS));
  if (bundle && bundle.length > 0) return bundle.map((c) => new Uint8Array(c.rawData));
  if (tryParse(() => new Pkcs10CertificateRequest(bytes))) {
    throw wrongKind('a certificate signing request (CSR), not a certificate');
  }
  if (looksLikeDerPrivateKey(bytes)) throw wrongKind('a private key, not a certificate');
  throw badFile('This file is not a certificate we can read: the DER data is damaged or of another kind.');
}

/** PKCS#8 and PKCS#1/SEC1 keys start with SEQUENCE { INTEGER version … }, which a certificate never does. */
function looksLikeDerPrivateKey(bytes: Uint8Array): boolean {
  const b1 = bytes[1] ?? 0;
  const lenBytes = b1 & 0x80 ? b1 & 0x7f : 0;
  const next = 2 + lenBytes;
  return bytes[next] === 0x02 && bytes[next + 1] === 0x01 && (bytes[next + 2] ?? 9) <= 1;
}

function tryParse<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    // A failed attempt only means "not this format"; the caller tries the next one.
    return undefined;
  }
}

/** Checks the leaf against a host name or IP with OpenSSL's own rules (wildcards, IP SANs). */
function matchesHost(der: Uint8Array, host: string): boolean {
  try {
    const cert = new NodeX509(der);
    return isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined;
  } catch {
    // Node could not load what x509 accepted: treat it as "does not match" rather than fail the import.
    return false;
  }
}

export function hostOf(serverUrl: string): string | undefined {
  try {
    return new URL(serverUrl).hostname.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Parses a certificate file (text or bytes) and returns each certificate with the warnings that apply. */
export function parseCertificates(input: Uint8Array | string, options: CertCheckOptions): ParsedCertificates {
  const { ders, ignored } = extractDer(input);
  if (ders.length > MAX_CERTS) throw badFile(`This file holds ${ders.length} certificates; the limit is ${MAX_CERTS}.`);
  const certs = ders.map(describeCertificate);
  const warnings: CertificateWarning[] = ignored.map((label) => ({
    code: 'ignored_block',
    message: describeLabel(label)
      ? `The file also holds ${describeLabel(label)}; it was ignored and will not be stored.`
      : `The file also holds a "${label}" block; it was ignored.`,
  }));
  warnings.push(...validityWarnings(certs, options.now));
  if (options.expectCa && !certs.some((c) => c.isCA)) {
    warnings.push({
      code: 'not_ca',
      message:
        'None of these certificates is a CA certificate. Trusting a server certificate directly breaks when it is renewed.',
      certIndex: 0,
    });
  }
  const host = options.tlsServerName || (options.serverUrl ? hostOf(options.serverUrl) : undefined);
  const leafIndex = certs.findIndex((c) => !c.isCA);
  const leafDer = ders[leafIndex];
  if (host && leafDer && !matchesHost(leafDer, host)) {
    const names = certs[leafIndex]?.sans.join(', ') || 'none';
    warnings.push({
      code: 'name_mismatch',
      message: `The server certificate is not valid for "${host}" (its names: ${names}).`,
      certIndex: leafIndex,
    });
  }
  return { certs, warnings };
}

function validityWarnings(certs: CertificateInfo[], now: number): CertificateWarning[] {
  const out: CertificateWarning[] = [];
  certs.forEach((c, i) => {
    if (Date.parse(c.notAfter) < now) {
      out.push({ code: 'expired', message: `"${c.subject}" expired on ${c.notAfter.slice(0, 10)}.`, certIndex: i });
    } else if (Date.parse(c.notBefore) > now) {
      out.push({
        code: 'not_yet_valid',
        message: `"${c.subject}" is not valid before ${c.notBefore.slice(0, 10)}; check this computer's clock.`,
        certIndex: i,
      });
    }
  });
  return out;
}

/** Parses DER certificates already split (e.g. a TLS peer chain). */
export function parseDerChain(ders: readonly Uint8Array[], options: CertCheckOptions): ParsedCertificates {
  const { PemConverter } = x509();
  const pem = ders.map((d) => PemConverter.encode(new Uint8Array(d), 'CERTIFICATE')).join('\n');
  return parseCertificates(pem, options);
}
