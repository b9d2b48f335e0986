// Reads PEM values: certificate details with expiry, and private keys described by kind only.
import { createPrivateKey } from 'node:crypto';
import type { DecodedCertificate } from '../../shared/secrets';
import { describeCertificate } from './certificate';
import { x509 } from './x509';

const DAY_MS = 86_400_000;
/** A certificate expiring within this many days is flagged `expiring`. */
export const EXPIRY_WARNING_DAYS = 30;

const MARKER = /-----(BEGIN|END) ([A-Z0-9 ]{1,64})-----/g;

export interface PemBlock {
  label: string;
  text: string;
}

/**
 * Every complete PEM block in the text, in order. One pass over the markers, then each BEGIN is
 * paired with the next END of its label, so a value full of unmatched BEGINs stays linear.
 */
export function pemBlocks(text: string): PemBlock[] {
  if (!text.includes('-----BEGIN ')) return [];
  const markers = [...text.matchAll(MARKER)];
  const ends = new Map<string, number[]>();
  for (const m of markers) {
    if (m[1] !== 'END') continue;
    const list = ends.get(m[2] as string) ?? [];
    list.push(m.index + m[0].length);
    ends.set(m[2] as string, list);
  }
  const next = new Map<string, number>();
  const blocks: PemBlock[] = [];
  let consumed = 0;
  for (const m of markers) {
    const label = m[2] as string;
    const list = ends.get(label);
    if (m[1] !== 'BEGIN' || m.index < consumed || !list) continue;
    let k = next.get(label) ?? 0;
    while (k < list.length && (list[k] as number) <= m.index) k++;
    next.set(label, k);
    if (k >= list.length) continue;
    const end = list[k] as number;
    blocks.push({ label, text: text.slice(m.index, end) });
    consumed = end;
  }
  return blocks;
}

function expiryStatus(notBefore: Date, notAfter: Date, now: number): DecodedCertificate['status'] {
  if (now < notBefore.getTime()) return 'not-yet-valid';
  if (now >= notAfter.getTime()) return 'expired';
  return notAfter.getTime() - now <= EXPIRY_WARNING_DAYS * DAY_MS ? 'expiring' : 'valid';
}

/** Reads one PEM certificate block; undefined when it is not a readable X.509 certificate. */
export function readCertificate(pem: string, now: number): DecodedCertificate | undefined {
  try {
    const [der] = x509().PemConverter.decode(pem);
    if (!der) return undefined;
    const { pem: _reencoded, ...info } = describeCertificate(new Uint8Array(der));
    const notBefore = new Date(info.notBefore);
    const notAfter = new Date(info.notAfter);
    return {
      ...info,
      status: expiryStatus(notBefore, notAfter, now),
      daysLeft: Math.floor((notAfter.getTime() - now) / DAY_MS),
    };
  } catch {
    // describeCertificate throws bad_file for a damaged certificate; here it is just shown as text.
    return undefined;
  }
}

const KEY_FORMATS: Record<string, string> = {
  'PRIVATE KEY': 'PKCS#8',
  'RSA PRIVATE KEY': 'PKCS#1 RSA',
  'EC PRIVATE KEY': 'SEC1 EC',
  'DSA PRIVATE KEY': 'DSA',
  'ENCRYPTED PRIVATE KEY': 'encrypted PKCS#8',
  'OPENSSH PRIVATE KEY': 'OpenSSH',
};

export interface PrivateKeyInfo {
  format: string;
  algorithm?: string;
  bits?: number;
  curve?: string;
}

/** True for a PEM label that holds a private key. */
export function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}

/** Describes a private key without exposing it; an encrypted or unusual key gives its format only. */
export function describePrivateKey(block: PemBlock): PrivateKeyInfo {
  const format = KEY_FORMATS[block.label] ?? block.label.toLowerCase();
  const encrypted = block.label.startsWith('ENCRYPTED') || block.text.includes('Proc-Type: 4,ENCRYPTED');
  if (encrypted) return { format: block.label === 'ENCRYPTED PRIVATE KEY' ? format : `${format} (encrypted)` };
  if (block.label === 'OPENSSH PRIVATE KEY') return { format };
  try {
    const key = createPrivateKey({ key: block.text, format: 'pem' });
    const details = key.asymmetricKeyDetails ?? {};
    const info: PrivateKeyInfo = { format };
    if (key.asymmetricKeyType) info.algorithm = key.asymmetricKeyType;
    if (details.modulusLength) info.bits = details.modulusLength;
    if (details.namedCurve) info.curve = details.namedCurve;
    return info;
  } catch {
    return { format };
  }
}
