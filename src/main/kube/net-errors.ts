// Maps network and TLS failures (DNS, TCP, certificate checks) to AppErrors with plain-language fixes.
import { AppError } from '../../shared/errors';

export interface Endpoint {
  host: string;
  port: number;
}

function codeOf(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : '';
}

/** DNS and TCP failures: the host does not answer. */
export function hostError(error: unknown, at: Endpoint, timeoutMs: number): AppError {
  const code = codeOf(error);
  const where = `${at.host}:${at.port}`;
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_NODATA') {
    return new AppError(
      'unreachable',
      `The name "${at.host}" does not resolve (no DNS record).`,
      'Check the API URL for typos. If the cluster is on a private network, connect to its VPN or use the DNS name your kubeconfig uses.',
      { cause: error },
    );
  }
  if (code === 'EAI_AGAIN') {
    return new AppError(
      'unreachable',
      `DNS could not answer for "${at.host}" right now.`,
      'Check this computer’s network and DNS settings, then test again.',
      { cause: error },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new AppError(
      'unreachable',
      `${where} refused the connection: nothing is listening on that port.`,
      'Check the port in the API URL (kube-apiserver usually listens on 6443 or 443) and that the API server is running.',
      { cause: error },
    );
  }
  if (code === 'ETIMEDOUT' || code === 'timeout') {
    return new AppError(
      'timeout',
      `${where} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      'A firewall may drop the traffic, or the cluster is on a network you are not connected to. Check the VPN, the firewall, or set a proxy URL.',
      { cause: error },
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new AppError(
      'unreachable',
      `There is no network route to ${where}.`,
      'Connect to the network the cluster is on (VPN), or set a proxy URL.',
      { cause: error },
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new AppError(
      'unreachable',
      `${where} closed the connection.`,
      'Something between here and the cluster (a proxy or firewall) cut the connection, or the port is not the API server’s. Check the URL.',
      { cause: error },
    );
  }
  return new AppError(
    'unreachable',
    `Could not connect to ${where}${code ? ` (${code})` : ''}.`,
    'Check the API URL and the network.',
    { cause: error },
  );
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
]);

/** TLS failures against the trusted CA: unknown CA, expired, wrong name, or not TLS at all. */
export function tlsError(error: unknown, host: string): AppError {
  const code = codeOf(error);
  if (UNKNOWN_CA.has(code)) {
    return new AppError(
      'tls',
      'The server’s certificate was not issued by the trusted CA saved for this cluster.',
      'Import the cluster’s CA certificate again (or fetch the server chain and compare its SHA-256 fingerprint with the one your cluster admin gives you). If someone intercepts the traffic, do not trust their certificate.',
      { cause: error },
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return new AppError(
      'expired',
      'The server’s certificate has expired.',
      'Ask the cluster admin to renew the API server certificate (`kubeadm certs renew apiserver` on kubeadm clusters), and check this computer’s clock.',
      { cause: error },
    );
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new AppError(
      'tls',
      'The server’s certificate is not valid yet.',
      'Check this computer’s date and time, or ask the cluster admin whether the certificate was issued with a future start date.',
      { cause: error },
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new AppError(
      'tls',
      `The server’s certificate is not valid for "${host}".`,
      'Use the host name the certificate was issued for in the API URL, or set the TLS server name option to one of the certificate’s names.',
      { cause: error },
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ECONNRESET' || /wrong version number/i.test(String(error))) {
    return new AppError(
      'tls',
      'The server did not answer with TLS.',
      'The API URL must start with https:// and point at the API server’s port.',
      { cause: error },
    );
  }
  return new AppError(
    'tls',
    `The secure (TLS) connection failed${code ? ` (${code})` : ''}.`,
    'Check the trusted CA and the API URL.',
    {
      cause: error,
    },
  );
}
