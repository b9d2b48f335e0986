// The proxy's leg to the API server: one undici Pool per session (through the cluster's gateway where one is set), and the headers it passes.
import type { IncomingHttpHeaders } from 'node:http';
import { Pool } from 'undici';
import type { Gateway } from '../kube/gateway';
import { gatewayConnector } from '../kube/gateway-connector';

export interface ProxyUpstream {
  server: string;
  caPem: string;
  tlsServerName?: string;
  /** The cluster's gateway (SSH jump host, CONNECT proxy), when it has one. */
  gateway?: Gateway;
}

export const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer'];

/**
 * Request headers kubectl's request must not carry upstream: its credential and host are replaced, undici
 * frames the body itself (`transfer-encoding`), and the server already answered `expect` (Node's server does).
 */
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'authorization', 'host', 'transfer-encoding', 'upgrade', 'expect']);

/**
 * Keep-alive connections to the API server, HTTP/1.1 only (as kubectl speaks to the proxy), with no
 * timeout of our own: a watch or `logs -f` may stay quiet for as long as the API server keeps it open.
 */
export function upstreamPool(upstream: ProxyUpstream): Pool {
  const { origin } = new URL(upstream.server);
  const ca = upstream.caPem || undefined;
  return new Pool(origin, {
    connect: upstream.gateway
      ? gatewayConnector(upstream.gateway, { ca, tlsServerName: upstream.tlsServerName })
      : { ca, servername: upstream.tlsServerName },
    allowH2: false,
    headersTimeout: 0,
    bodyTimeout: 0,
    // An idle connection waits for kubectl's next command (undici's 4 s would redo TLS between most of
    // them), yet closes before the servers' own idle cut (the sandbox's 30 s; kube-apiserver's is longer).
    keepAliveTimeout: 20_000,
  });
}

/** kubectl's raw request headers (a flat name, value list) with the minted token in place of the local credential. */
export function forwardedHeaders(raw: string[], authorization: string): string[] {
  const headers: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!NOT_FORWARDED.has(name.toLowerCase())) headers.push(name, raw[i + 1] as string);
  }
  headers.push('authorization', authorization);
  return headers;
}

const HOP_BY_HOP_SET = new Set(HOP_BY_HOP);

/**
 * The API server's response headers as kubectl should see them, without the hop-by-hop ones of our
 * upstream leg: a flat name, value list, which Node's `writeHead` takes as it is.
 */
export function returnedHeaders(headers: IncomingHttpHeaders): string[] {
  const flat: string[] = [];
  for (const name in headers) {
    if (HOP_BY_HOP_SET.has(name)) continue;
    const value = headers[name];
    if (typeof value === 'string') flat.push(name, value);
    else if (value) for (const v of value) flat.push(name, v);
  }
  return flat;
}
