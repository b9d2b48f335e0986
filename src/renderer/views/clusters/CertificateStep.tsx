// Choosing the CA to trust: from a file (PEM, DER, chain), pasted PEM, or fetched from the server and confirmed by fingerprint.
import { useState } from 'react';
import type { CertificateInfo, ParsedCertificates } from '../../../shared/clusters';
import type { ErrorData } from '../../../shared/errors';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { FileInput } from '../../components/FileInput';
import { When } from '../../components/When';
import { readFileBase64 } from '../../files';

function CertList({
  parsed,
  chosen,
  onChoose,
  confirmLabel,
}: {
  parsed: ParsedCertificates;
  chosen: string | undefined;
  onChoose(cert: CertificateInfo): void;
  confirmLabel: string;
}) {
  return (
    <div className="cert-list">
      {parsed.warnings.map((w) => (
        <p key={`${w.code}-${w.certIndex ?? ''}-${w.message}`} className="hint-warning">
          {w.message}
        </p>
      ))}
      {parsed.certs.map((cert, index) => (
        <div
          key={cert.fingerprintSha256}
          className={chosen === cert.fingerprintSha256 ? 'cert card chosen' : 'cert card'}
        >
          <dl className="facts small">
            <dt>#{index + 1} Subject</dt>
            <dd>{cert.subject}</dd>
            <dt>Issuer</dt>
            <dd>{cert.issuer}</dd>
            <dt>Valid</dt>
            <dd>
              <When at={cert.notBefore} /> → <When at={cert.notAfter} />
            </dd>
            {cert.sans.length > 0 && (
              <>
                <dt>Names</dt>
                <dd>{cert.sans.join(', ')}</dd>
              </>
            )}
            <dt>CA</dt>
            <dd>{cert.isCA ? 'yes' : 'no'}</dd>
            <dt>SHA-256</dt>
            <dd className="mono break" data-testid="fingerprint">
              {cert.fingerprintSha256}
            </dd>
          </dl>
          <button
            type="button"
            className={chosen === cert.fingerprintSha256 ? 'primary' : 'secondary'}
            onClick={() => onChoose(cert)}
          >
            {chosen === cert.fingerprintSha256 ? 'Trusted' : confirmLabel}
          </button>
        </div>
      ))}
    </div>
  );
}

export interface CertificateStepProps {
  server: string;
  caPem: string;
  onChange(caPem: string): void;
}

export function CertificateStep({ server, caPem, onChange }: CertificateStepProps) {
  const [parsed, setParsed] = useState<ParsedCertificates>();
  const [source, setSource] = useState<'file' | 'server' | 'paste'>('file');
  const [error, setError] = useState<ErrorData>();
  const [chosen, setChosen] = useState<string>();
  const [pasted, setPasted] = useState('');

  const show = (result: Awaited<ReturnType<typeof call<'clusters:parseCertificate'>>>) => {
    if (!result.ok) {
      setParsed(undefined);
      return setError(result.error);
    }
    setError(undefined);
    setParsed(result.value);
    setChosen(undefined);
  };

  const trustAll = (certs: CertificateInfo[]) => {
    onChange(certs.map((c) => c.pem).join(''));
    setChosen(certs.length === 1 ? certs[0]?.fingerprintSha256 : undefined);
  };

  return (
    <div>
      <fieldset className="segmented" aria-label="Where the CA comes from">
        <label>
          <input type="radio" name="ca-source" checked={source === 'file'} onChange={() => setSource('file')} /> From a
          file
        </label>
        <label>
          <input type="radio" name="ca-source" checked={source === 'server'} onChange={() => setSource('server')} />{' '}
          Fetch from the server and confirm
        </label>
        <label>
          <input type="radio" name="ca-source" checked={source === 'paste'} onChange={() => setSource('paste')} /> Paste
          PEM
        </label>
      </fieldset>
      {source === 'file' && (
        <FileInput
          className="field"
          caption={<span>CA certificate file (PEM or DER, a chain or a bundle)</span>}
          onFile={async (file) => {
            const result = await call('clusters:parseCertificate', {
              content: await readFileBase64(file),
              encoding: 'base64',
              serverUrl: server,
            });
            show(result);
            if (result.ok && result.value.certs.length > 0)
              trustAll(
                result.value.certs.filter((c) => c.isCA).length > 0
                  ? result.value.certs.filter((c) => c.isCA)
                  : result.value.certs,
              );
          }}
        />
      )}
      {source === 'paste' && (
        <div className="stack wide-stack">
          <textarea
            rows={8}
            aria-label="CA certificate PEM"
            placeholder="-----BEGIN CERTIFICATE-----"
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
          />
          <div>
            <button
              type="button"
              className="secondary"
              disabled={!pasted.trim()}
              onClick={async () => {
                const result = await call('clusters:parseCertificate', {
                  content: pasted,
                  encoding: 'text',
                  serverUrl: server,
                });
                show(result);
                if (result.ok && result.value.certs.length > 0) trustAll(result.value.certs);
              }}
            >
              Read certificate
            </button>
          </div>
        </div>
      )}
      {source === 'server' && (
        <div>
          <p className="muted">
            Strongroom connects to <code>{server || 'the API URL'}</code> without trusting it and shows the certificates
            it presents. Compare the fingerprint with one you got from the cluster's admin before you trust it.
          </p>
          <button
            type="button"
            className="secondary"
            disabled={!server}
            onClick={async () => {
              show(await call('clusters:fetchServerChain', { server }));
            }}
          >
            Fetch the server's certificates
          </button>
        </div>
      )}
      <ErrorNote error={error} />
      {parsed && (
        <CertList
          parsed={parsed}
          chosen={chosen}
          confirmLabel="Trust this certificate"
          onChoose={(cert) => {
            setChosen(cert.fingerprintSha256);
            onChange(cert.pem);
          }}
        />
      )}
      {caPem && (
        <p className="ok-note">A CA is chosen ({(caPem.match(/BEGIN CERTIFICATE/g) ?? []).length} certificate(s)).</p>
      )}
    </div>
  );
}
