// Describes one DER certificate for people: subject, issuer, validity, SANs, CA flag and SHA-256 fingerprint.
import { createHash } from 'node:crypto';
import type { CertificateInfo } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import { x509 } from './x509';

/** Keeps asn1js from walking pathological nesting in hostile input. */
export const CERT_PARSE_OPTIONS = { berOptions: { maxDepth: 32, maxNodes: 20_000 } };

/** DER bytes backed by a plain ArrayBuffer, the type the x509 library accepts. */
export type Der = Uint8Array<ArrayBuffer>;

/** The fix shown when a certificate file cannot be read. */
export const CERT_FILE_FIX =
  'Pick the cluster CA certificate: a .crt or .pem file starting with "-----BEGIN CERTIFICATE-----", ' +
  'or its DER form. On the cluster, `kubectl config view --raw` shows it as certificate-authority-data.';

export function fingerprintOf(der: Uint8Array): string {
  return createHash('sha256')
    .update(der)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}

/** Describes one DER certificate; a certificate asn1js accepts but whose fields are broken is bad_file. */
export function describeCertificate(der: Der): CertificateInfo {
  const { BasicConstraintsExtension, PemConverter, SubjectAlternativeNameExtension, X509Certificate } = x509();
  try {
    const cert = new X509Certificate(der, CERT_PARSE_OPTIONS);
    const san = cert.getExtension(SubjectAlternativeNameExtension);
    const sans = (san?.names.items ?? [])
      .filter((n) => n.type === 'dns' || n.type === 'ip')
      .map((n) => `${n.type === 'dns' ? 'DNS' : 'IP'}:${n.value}`);
    const bc = cert.getExtension(BasicConstraintsExtension);
    return {
      subject: cert.subject,
      issuer: cert.issuer,
      serialNumber: cert.serialNumber,
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
      sans,
      isCA: bc?.ca === true,
      selfIssued: cert.subject === cert.issuer,
      fingerprintSha256: fingerprintOf(der),
      pem: PemConverter.encode(der, 'CERTIFICATE'),
    };
  } catch (error) {
    throw new AppError('bad_file', 'A certificate in this file is damaged and cannot be read.', CERT_FILE_FIX, {
      cause: error,
    });
  }
}
