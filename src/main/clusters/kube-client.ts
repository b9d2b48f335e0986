// Builds @kubernetes/client-node clients in memory from a cluster's connection facts, with a per-request timeout.
import {
  type ApiType,
  type ConfigurationOptions,
  KubeConfig,
  Observable,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import { AppError } from '../../shared/errors';

/** What client-node needs to reach one cluster. Lives only in memory; never written to a kubeconfig file. */
export interface KubeTarget {
  server: string;
  caPem: string;
  /** Absent for anonymous calls (e.g. /version before the token is checked). */
  token?: string;
  tlsServerName?: string;
  proxyUrl?: string;
  timeoutMs: number;
}

export function kubeConfigFor(target: KubeTarget): KubeConfig {
  const kc = new KubeConfig();
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
  if (target.proxyUrl) cluster.proxyUrl = target.proxyUrl;
  kc.loadFromOptions({
    clusters: [cluster],
    users: [target.token ? { name: 'user', token: target.token } : { name: 'user' }],
    contexts: [{ name: 'target', cluster: 'target', user: 'user' }],
    currentContext: 'target',
  });
  return kc;
}

export function makeClient<T extends ApiType>(target: KubeTarget, api: new (...args: never[]) => T): T {
  return kubeConfigFor(target).makeApiClient(api as unknown as Parameters<KubeConfig['makeApiClient']>[0]) as T;
}

/** Per-call options that abort the request after `timeoutMs`. */
export function timeoutOptions(timeoutMs: number): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (ctx) => {
      ctx.setSignal(AbortSignal.timeout(timeoutMs));
      return new Observable(Promise.resolve(ctx));
    },
    post: (ctx) => new Observable(Promise.resolve(ctx)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/** The HTTP status of a client-node ApiException, if that is what this is. */
export function httpStatus(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The `message` of a Kubernetes Status body, shortened; it never holds the token. */
export function statusMessage(error: unknown): string | undefined {
  const body = (error as { body?: unknown })?.body;
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message.slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

export function isTimeout(error: unknown): boolean {
  const e = error as { name?: unknown; cause?: { name?: unknown } } | undefined;
  return e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError' || e?.name === 'AbortError';
}

export function timeoutError(timeoutMs: number, what: string): AppError {
  return new AppError(
    'timeout',
    `${what} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
    'The API server is overloaded or the network is slow. Test again, or raise the request timeout in the cluster options.',
  );
}
