// The client factory: builds @kubernetes/client-node clients in memory from a plain connection spec (CA, token, TLS name, proxy, gateway).
import { type ApiType, KubeConfig } from '@kubernetes/client-node';
import { type Gateway, GatewayKubeConfig } from './gateway';

/**
 * What client-node needs to reach one cluster. Lives only in memory; never written to a kubeconfig file.
 * kube/ is a low layer: callers (clusters, sync, access) turn their own records into this.
 */
export interface KubeConnection {
  server: string;
  caPem: string;
  /** Absent for anonymous calls (e.g. /version before the token is checked). */
  token?: string;
  tlsServerName?: string;
  /** An HTTP CONNECT (or SOCKS) proxy in front of the API server. */
  proxyUrl?: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** A tunnel (e.g. an SSH jump host) that opens the TCP stream to the API server; replaces the proxy. */
  gateway?: Gateway;
}

/** The former name, kept for the clusters domain's ConnectionTarget and ReviewTarget. */
export type KubeTarget = KubeConnection;

/** The one place a KubeConfig is built from a connection spec; every client of a cluster comes from here. */
export function kubeConfigFor(target: KubeConnection): KubeConfig {
  const kc = target.gateway ? new GatewayKubeConfig(target.gateway) : new KubeConfig();
  const cluster: {
    name: string;
    server: string;
    skipTLSVerify: boolean;
    caData?: string;
    tlsServerName?: string;
    proxyUrl?: string;
  } = {
    name: 'target',
    server: target.server,
    skipTLSVerify: false,
  };
  if (target.caPem) cluster.caData = Buffer.from(target.caPem).toString('base64');
  if (target.tlsServerName) cluster.tlsServerName = target.tlsServerName;
  if (target.proxyUrl && !target.gateway) cluster.proxyUrl = target.proxyUrl;
  kc.loadFromOptions({
    clusters: [cluster],
    users: [target.token ? { name: 'user', token: target.token } : { name: 'user' }],
    contexts: [{ name: 'target', cluster: 'target', user: 'user' }],
    currentContext: 'target',
  });
  return kc;
}

export function makeClient<T extends ApiType>(target: KubeConnection, api: new (...args: never[]) => T): T {
  return kubeConfigFor(target).makeApiClient(api as unknown as Parameters<KubeConfig['makeApiClient']>[0]) as T;
}
