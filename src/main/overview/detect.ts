// Detectors run on one Secret value at sync time: certificates it holds, whether it is weak, and its keyed hash.
import { createHmac, type KeyObject, X509Certificate } from 'node:crypto';

/** What the overview keeps of a certificate: never the certificate itself. */
export interface CertFacts {
  subject: string;
  issuer: string;
  /** notAfter in ms since the epoch. */
  notAfter: number;
}

export type WeakReason = 'short' | 'low_entropy';

const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** Bounds the work on one value: a bundle larger than this is not scanned for more certificates. */
const MAX_CERTS_PER_VALUE = 50;
const MAX_SCAN_BYTES = 1024 * 1024;

/** Key names that hold a password or a similar human-chosen secret. */
const PASSWORD_KEY = /(pass(word|wd|phrase)?|pwd|secret|token|api[-_.]?key|auth|pin|credential)s?$/i;
/** Keys that hold keys and certificates, never passwords, even when their name ends like one. */
const NOT_PASSWORD_KEY = /\.(key|pem|crt|cert|p12|pfx|jks)$|(private|public|ssh|tls)[-_.]?key|^ssh-/i;
export const WEAK_MIN_LENGTH = 12;
/** Estimated bits below which a longer value still counts as guessable. */
export const WEAK_MIN_BITS = 60;

function facts(cert: X509Certificate): CertFacts {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    notAfter: Date.parse(cert.validTo),
  };
}

/** Certificates in a value: every PEM CERTIFICATE block, or the whole value as one DER certificate. */
export function certificatesIn(value: Buffer): CertFacts[] {
  if (value.length === 0 || value.length > MAX_SCAN_BYTES) return [];
  // A DER certificate is an ASN.1 SEQUENCE with a long-form length.
  if (value[0] === 0x30 && (value[1] === 0x82 || value[1] === 0x81)) {
    try {
      return [facts(new X509Certificate(value))];
    } catch {
      return [];
    }
  }
  // Most values hold no PEM block: find that out without making a string of them.
  if (!value.includes(PEM_BEGIN)) return [];
  const out: CertFacts[] = [];
  for (const block of value.toString('latin1').match(PEM_BLOCK) ?? []) {
    if (out.length >= MAX_CERTS_PER_VALUE) break;
    try {
      out.push(facts(new X509Certificate(block)));
    } catch {
      // Not a certificate after all (a truncated or corrupted block): nothing to report about it.
    }
  }
  return out;
}

/** Key names seen so far: a fetch checks the same few names (`password`, `username` …) thousands of times. */
const passwordKeys = new Map<string, boolean>();
const PASSWORD_KEYS_KEPT = 4096;

export function isPasswordKey(key: string): boolean {
  let known = passwordKeys.get(key);
  if (known === undefined) {
    known = PASSWORD_KEY.test(key) && !NOT_PASSWORD_KEY.test(key);
    if (passwordKeys.size >= PASSWORD_KEYS_KEPT) passwordKeys.clear();
    passwordKeys.set(key, known);
  }
  return known;
}

/** Shannon entropy of the value times its length, in bits: a generous estimate of its strength. */
export function entropyBits(text: string): number {
  const counts = NON_ASCII.test(text) ? [...charCounts(text).values()] : asciiCounts(text);
  const n = counts.reduce((sum, c) => sum + c, 0);
  let perChar = 0;
  // Summed in order of first occurrence either way, so both counts give the very same number.
  for (const c of counts) perChar -= (c / n) * Math.log2(c / n);
  return perChar * n;
}

/** Any code unit above ASCII (surrogates included). */
const NON_ASCII = /[\u0080-\uffff]/;

/** Counts per character in order of first occurrence, by code unit: the common case of a sync, with no Map. */
function asciiCounts(text: string): number[] {
  const slot = new Int16Array(128).fill(-1);
  const counts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const at = slot[code] as number;
    if (at < 0) {
      slot[code] = counts.length;
      counts.push(1);
    } else counts[at] = (counts[at] as number) + 1;
  }
  return counts;
}

function charCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

/** Why a value under a password-like key is weak, or null when it is not (or not a password). */
export function weakness(key: string, value: Buffer): WeakReason | null {
  if (!isPasswordKey(key) || value.length === 0) return null;
  const text = value.toString('utf8');
  if (text.includes('\uFFFD') || text.includes('-----BEGIN')) return null;
  if ([...text].length < WEAK_MIN_LENGTH) return 'short';
  return entropyBits(text) < WEAK_MIN_BITS ? 'low_entropy' : null;
}

/** Bytes kept of a value's HMAC-SHA256: 64 bits tell tens of thousands of values apart (a chance collision ~1e-10). */
export const VALUE_HASH_BYTES = 8;

/**
 * The keyed hash that finds one value in several places without keeping the value: HMAC-SHA256 cut to
 * 64 bits, which keeps the overview's rows and pages (and so a fetch's writes) small.
 */
export function valueHash(hmacKey: Buffer | KeyObject, value: Buffer): Buffer {
  return createHmac('sha256', hmacKey).update(value).digest().subarray(0, VALUE_HASH_BYTES);
}
