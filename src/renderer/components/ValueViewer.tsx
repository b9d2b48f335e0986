// Shows one revealed value byte-exact: text with visible line ends and spaces, JSON, certificates, docker config, hex.
import { Copy, EyeOff } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import {
  type DecodedCertificate,
  type DecodedValue,
  type DecodeView,
  segmentText,
  type TextFlags,
} from '../../shared/secrets';
import { StatusIcon } from './StatusIcon';
import { When } from './When';

function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / 1024 / 1024).toFixed(2)} MiB`;
}

/** Renders text exactly, marking line ends (⏎), trailing spaces (·), tabs (→) and control characters. */
export function MarkedText({ text }: { text: string }) {
  return (
    <pre className="value-text" data-testid="value-text">
      {segmentText(text).map((segment, index) => {
        const key = `${index}`;
        switch (segment.t) {
          case 'newline':
            return (
              <span key={key}>
                <span
                  className="marker"
                  title={segment.v === '\n' ? 'line feed' : segment.v === '\r\n' ? 'CR LF' : 'carriage return'}
                >
                  {segment.v === '\r\n' ? '␍⏎' : segment.v === '\r' ? '␍' : '⏎'}
                </span>
                {'\n'}
              </span>
            );
          case 'trailing-space':
            return (
              <span key={key} className="marker" title="trailing whitespace">
                {segment.v.replace(/ /g, '·').replace(/\t/g, '→')}
              </span>
            );
          case 'control':
            return (
              <span key={key} className="marker control" title="control character">
                {`\\x${segment.v.charCodeAt(0).toString(16).padStart(2, '0')}`}
              </span>
            );
          default:
            return <span key={key}>{segment.v}</span>;
        }
      })}
    </pre>
  );
}

function describeFlags(flags: TextFlags): string[] {
  const out = [`${flags.lines} line${flags.lines === 1 ? '' : 's'}`];
  if (flags.trailingNewlines > 0)
    out.push(`ends with ${flags.trailingNewlines} line break${flags.trailingNewlines > 1 ? 's' : ''}`);
  else out.push('no final line break');
  if (flags.trailingWhitespace) out.push('trailing whitespace');
  if (flags.leadingWhitespace) out.push('leading whitespace');
  if (flags.crlf) out.push('CRLF line ends');
  if (flags.bom) out.push('byte order mark');
  if (flags.controlChars) out.push('control characters');
  return out;
}

function CertificateCard({ cert }: { cert: DecodedCertificate }) {
  const label = {
    valid: `valid, ${cert.daysLeft} days left`,
    expiring: `expires in ${cert.daysLeft} days`,
    expired: `expired ${-cert.daysLeft} days ago`,
    'not-yet-valid': 'not valid yet',
  }[cert.status];
  return (
    <div className="cert card">
      <p className={`cert-status ${cert.status}`}>
        <StatusIcon level={cert.status === 'valid' ? 'ok' : cert.status === 'expiring' ? 'warn' : 'error'} /> {label}
      </p>
      <dl className="facts">
        <dt>Subject</dt>
        <dd>{cert.subject}</dd>
        <dt>Issuer</dt>
        <dd>{cert.issuer}</dd>
        {cert.sans.length > 0 && (
          <>
            <dt>Names</dt>
            <dd>{cert.sans.join(', ')}</dd>
          </>
        )}
        <dt>Valid</dt>
        <dd>
          <When at={cert.notBefore} /> → <When at={cert.notAfter} />
        </dd>
        <dt>CA</dt>
        <dd>{cert.isCA ? 'yes' : 'no'}</dd>
        <dt>SHA-256</dt>
        <dd className="mono break">{cert.fingerprintSha256}</dd>
      </dl>
    </div>
  );
}

function Body({ value }: { value: DecodedValue }) {
  const [raw, setRaw] = useState(false);
  switch (value.kind) {
    case 'text':
      return <MarkedText text={value.text} />;
    case 'json':
      return (
        <>
          <label className="check small">
            <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> Show exactly as stored
          </label>
          {raw ? <MarkedText text={value.text} /> : <pre className="value-text">{value.pretty}</pre>}
        </>
      );
    case 'pem-certificate':
      return (
        <>
          {value.certificates.map((cert) => (
            <CertificateCard key={cert.fingerprintSha256} cert={cert} />
          ))}
          {value.unreadable > 0 && (
            <p className="hint-warning">{value.unreadable} block(s) could not be read as X.509.</p>
          )}
          <details>
            <summary>PEM text</summary>
            <MarkedText text={value.text} />
          </details>
        </>
      );
    case 'pem-private-key':
      return (
        <>
          <p>
            Private key: {value.format}
            {value.algorithm && `, ${value.algorithm}`}
            {value.bits && ` ${value.bits} bits`}
            {value.curve && ` (${value.curve})`}. It stays masked; choose Text to see it.
          </p>
          {value.certificates.map((cert) => (
            <CertificateCard key={cert.fingerprintSha256} cert={cert} />
          ))}
        </>
      );
    case 'dockerconfigjson':
      return (
        <table className="simple">
          <thead>
            <tr>
              <th>Registry</th>
              <th>User</th>
              <th>Password</th>
              <th>Email</th>
            </tr>
          </thead>
          <tbody>
            {value.registries.map((r) => (
              <tr key={r.registry}>
                <td className="mono">{r.registry}</td>
                <td>{r.username ?? '—'}</td>
                <td>
                  {r.passwordLength !== undefined
                    ? '•'.repeat(Math.min(r.passwordLength, 24))
                    : r.hasToken
                      ? 'token (masked)'
                      : '—'}
                </td>
                <td>{r.email ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'binary':
      return <pre className="value-text hex">{value.hexLines.join('\n')}</pre>;
  }
}

export interface ValueViewerProps {
  keyName: string;
  value: DecodedValue;
  view: DecodeView;
  onView(view: DecodeView): void;
  onCopy(text: string): void;
  onHide(): void;
}

export function ValueViewer({ keyName, value, view, onView, onCopy, onHide }: ValueViewerProps) {
  const copyText = 'text' in value ? value.text : undefined;
  const flags = 'flags' in value ? describeFlags(value.flags) : [];
  const firstAction = useRef<HTMLButtonElement>(null);
  // The Reveal button that opened this viewer is gone: its focus moves to Copy (or Hide), not to the page body.
  useEffect(() => firstAction.current?.focus(), []);
  return (
    <section className="value-viewer" aria-label={`Value of ${keyName}`}>
      <div className="value-bar">
        <span className="badge">{value.kind}</span>
        <span className="muted small">
          {formatBytes(value.size)}
          {flags.length > 0 && ` · ${flags.join(' · ')}`}
        </span>
        <span className="spacer" />
        <fieldset className="segmented small" aria-label="Show as">
          {(['auto', 'text', 'hex'] as DecodeView[]).map((v) => (
            <label key={v}>
              <input type="radio" name={`view-${keyName}`} checked={view === v} onChange={() => onView(v)} />
              {v === 'auto' ? 'Decoded' : v === 'text' ? 'Text' : 'Hex'}
            </label>
          ))}
        </fieldset>
        {copyText !== undefined && (
          <button ref={firstAction} type="button" className="secondary" onClick={() => onCopy(copyText)}>
            <Copy size={14} aria-hidden="true" /> Copy
          </button>
        )}
        <button
          ref={copyText === undefined ? firstAction : undefined}
          type="button"
          className="secondary"
          onClick={onHide}
        >
          <EyeOff size={14} aria-hidden="true" /> Hide
        </button>
      </div>
      <Body value={value} />
    </section>
  );
}
