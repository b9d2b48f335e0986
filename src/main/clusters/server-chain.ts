// Fetches a server's certificate chain over TLS without trusting it, for the user to confirm by fingerprint.
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { ParsedCertificates } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import { type Endpoint, hostError, tlsError } from '../kube/net-errors';
import { parseDerChain } from './certs';

/** Host and port of an https:// API URL; anything else is invalid_input with a fix. */
export function endpointOf(serverUrl: string): Endpoint {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new AppError(
      'invalid_input',
      `"${serverUrl.slice(0, 200)}" is not a URL.`,
      'Enter the API URL, e.g. https://api.example.com:6443.',
    );
  }
  if (url.protocol !== 'https:') {
    throw new AppError(
      'invalid_input',
      'The API URL must start with https://.',
      'Kubernetes API servers speak HTTPS; use https://HOST:PORT.',
    );
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { host, port: url.port ? Number(url.port) : 443 };
}

/** SNI only accepts host names, never IP addresses. */
export function sniFor(host: string, override?: string): string | undefined {
  if (override) return override;
  return isIP(host) ? undefined : host;
}

export interface FetchChainOptions {
  timeoutMs: number;
  servername?: string;
  now: number;
}

/**
 * Most API servers send only their own certificate. Trusting it directly fails (it is not a trust
 * anchor) and would break at renewal anyway, so point the user at the CA instead.
 */
function explainMissingCa(parsed: ParsedCertificates): ParsedCertificates {
  const warnings = parsed.warnings.map((w) =>
    w.code === 'not_ca'
      ? {
          ...w,
          message:
            'The server sent only its own certificate, not the CA that issued it. Get the CA with the setup’s "print the CA" command (ca.crt in the token Secret) or from your kubeconfig, then check that it issued this certificate.',
        }
      : w,
  );
  return { ...parsed, warnings };
}

/** Walks the peer chain Node exposes as linked objects, stopping at the self-issued root. */
function peerChainDer(socket: tls.TLSSocket): Uint8Array[] {
  const ders: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && ders.length < 20) {
    const fp = cert.fingerprint256;
    if (seen.has(fp)) break;
    seen.add(fp);
    ders.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return ders;
}

/**
 * Connects with TLS verification off on purpose: this is the "what does the server show" step,
 * and nothing is sent over the connection. The user then trusts one certificate by fingerprint.
 */
export async function fetchServerChain(serverUrl: string, options: FetchChainOptions): Promise<ParsedCertificates> {
  const at = endpointOf(serverUrl);
  return new Promise((resolve, reject) => {
    let settled = false;
    const socket = tls.connect({
      host: at.host,
      port: at.port,
      servername: sniFor(at.host, options.servername),
      rejectUnauthorized: false,
      timeout: options.timeoutMs,
    });
    let connected = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn(); // before destroy(): a destroyed socket no longer has the peer's certificates
      socket.destroy();
    };
    const timer = setTimeout(
      () => finish(() => reject(hostError({ code: 'timeout' }, at, options.timeoutMs))),
      options.timeoutMs,
    );
    socket.once('connect', () => {
      connected = true;
    });
    socket.once('secureConnect', () =>
      finish(() => {
        const ders = peerChainDer(socket);
        if (ders.length === 0) {
          reject(
            new AppError('tls', 'The server sent no certificate.', 'Check that the URL points at the API server.'),
          );
          return;
        }
        try {
          resolve(
            explainMissingCa(
              parseDerChain(ders, { now: options.now, serverUrl, tlsServerName: options.servername, expectCa: true }),
            ),
          );
        } catch (error) {
          reject(error);
        }
      }),
    );
    socket.once('error', (error) =>
      finish(() => reject(connected ? tlsError(error, at.host) : hostError(error, at, options.timeoutMs))),
    );
  });
}
