// The three-step connection test (host, cluster, account), each step timed and explained, with live progress.
import dns from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import { AuthenticationV1Api, VersionApi } from '@kubernetes/client-node';
import type {
  ConnectionStepName,
  ConnectionStepResult,
  ConnectionTestResult,
  PermissionReport,
  SetupVariant,
} from '../../shared/clusters';
import { AppError, type ErrorCode, isAppError } from '../../shared/errors';
import { httpStatus, isTimeout, statusMessage, timeoutError } from '../kube/api-error';
import { type KubeTarget, makeClient } from '../kube/connection';
import type { Gateway } from '../kube/gateway';
import { type Endpoint, hostError, tlsError } from '../kube/net-errors';
import { timeoutOptions } from '../kube/request-options';
import { reviewPermissions } from './permissions-review';
import { endpointOf, sniFor } from './server-chain';
import { judgeVariantFit } from './variant-fit';

export interface ConnectionTarget extends KubeTarget {
  token: string;
  variant: SetupVariant;
  /** Namespaces the cluster is limited to; the namespaced variant is checked in each. */
  includeNamespaces: string[];
  /** A digest of the gateway setting, so a passing test is reused only for the same gateway. */
  gatewayFacts?: string;
}

export type ProgressListener = (step: ConnectionStepResult) => void;

interface StepOutcome {
  status: 'pass' | 'warn' | 'fail';
  detail: string;
  fix?: string;
  code?: ErrorCode;
}

const STEPS: ConnectionStepName[] = ['host', 'cluster', 'account'];

async function probeHost(at: Endpoint, timeoutMs: number): Promise<StepOutcome> {
  let address = at.host;
  if (!net.isIP(at.host)) {
    try {
      address = (await dns.lookup(at.host)).address;
    } catch (error) {
      throw hostError(error, at, timeoutMs);
    }
  }
  await settle(net.connect({ host: address, port: at.port }), 'connect', timeoutMs, {
    timeout: () => hostError({ code: 'ETIMEDOUT' }, at, timeoutMs),
    error: (error) => hostError(error, at, timeoutMs),
  });
  const resolved = address === at.host ? '' : ` (${address})`;
  return { status: 'pass', detail: `${at.host}${resolved} accepts connections on port ${at.port}.` };
}

/** Opens one stream to the API server's address through the gateway (SSH host key and login checked on the way). */
async function probeThroughGateway(gateway: Gateway, at: Endpoint): Promise<StepOutcome> {
  const stream = await gateway.open(at.host, at.port);
  stream.destroy();
  return { status: 'pass', detail: `${at.host} accepts connections on port ${at.port} through ${gateway.label}.` };
}

/** TLS with the trusted CA only: the node:tls check is exactly what client-node will do later. */
function probeTls(at: Endpoint, target: ConnectionTarget): Promise<void> {
  if (!target.caPem.trim()) {
    return Promise.reject(
      new AppError(
        'tls',
        'No trusted CA certificate is set for this cluster.',
        'Import the cluster’s CA certificate, or fetch the server’s chain and confirm it by fingerprint.',
      ),
    );
  }
  const socket = tls.connect({
    host: at.host,
    port: at.port,
    ca: target.caPem,
    servername: sniFor(at.host, target.tlsServerName),
    rejectUnauthorized: true,
    checkServerIdentity: (_host, cert) => tls.checkServerIdentity(target.tlsServerName || at.host, cert),
  });
  return settle(socket, 'secureConnect', target.timeoutMs, {
    timeout: () => timeoutError(target.timeoutMs, 'The TLS handshake'),
    error: (error) => tlsError(error, target.tlsServerName || at.host),
  });
}

/** Waits for `ready` on a fresh socket, then closes it; a timeout or error rejects with the mapped AppError. */
function settle(
  socket: net.Socket,
  ready: 'connect' | 'secureConnect',
  timeoutMs: number,
  map: { timeout: () => AppError; error: (error: unknown) => AppError },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(map.timeout());
    }, timeoutMs);
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(map.error(error));
    });
  });
}

/** /version, anonymously first: a bad token must fail step 3 (account), not step 2. */
async function serverVersion(target: ConnectionTarget): Promise<string | undefined> {
  for (const token of [undefined, target.token]) {
    try {
      const api = makeClient({ ...target, token }, VersionApi);
      const info = await api.getCode(timeoutOptions(target.timeoutMs));
      return info.gitVersion;
    } catch (error) {
      const status = httpStatus(error);
      if (status === 401 || status === 403) continue;
      if (isTimeout(error)) throw timeoutError(target.timeoutMs, 'The API server');
      if (status !== undefined) {
        throw new AppError(
          'unreachable',
          `The server answered /version with HTTP ${status}.`,
          'Check that the URL is the Kubernetes API server, not a dashboard or a load balancer page.',
        );
      }
      throw tlsError(error, target.tlsServerName || endpointOf(target.server).host);
    }
  }
  return undefined;
}

async function probeCluster(
  at: Endpoint,
  target: ConnectionTarget,
  facts: { serverVersion?: string },
): Promise<StepOutcome> {
  // Through a proxy or a gateway only client-node can reach the server; its TLS errors carry the same codes.
  if (!target.proxyUrl && !target.gateway) await probeTls(at, target);
  const version = await serverVersion(target);
  if (version) facts.serverVersion = version;
  return {
    status: 'pass',
    detail: version
      ? `TLS verified against the trusted CA. Kubernetes ${version}.`
      : 'TLS verified against the trusted CA. The server hides its version from this account.',
  };
}

async function probeAccount(target: ConnectionTarget, facts: { permissions?: PermissionReport }): Promise<StepOutcome> {
  const who: { username?: string; groups: string[] } = { groups: [] };
  try {
    const api = makeClient(target, AuthenticationV1Api);
    const review = await api.createSelfSubjectReview(
      { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } },
      timeoutOptions(target.timeoutMs),
    );
    who.username = review.status?.userInfo?.username;
    who.groups = review.status?.userInfo?.groups ?? [];
  } catch (error) {
    throw accountError(error, target.timeoutMs);
  }
  const report = await reviewPermissions(target, who);
  facts.permissions = report;
  const user = who.username ? `Signed in as ${who.username}.` : 'The token is accepted.';
  if (!report.allowed.some((line) => /\blist\b.*\bsecrets\b/.test(line))) {
    return {
      status: 'fail',
      code: 'forbidden',
      detail: `${user} But this account may not list Secrets, so Strongroom cannot fetch anything.`,
      fix: 'Apply the setup YAML (it binds the ServiceAccount to its role), or bind this account to a role that can get, list and watch Secrets.',
    };
  }
  const fit = judgeVariantFit(target.variant, report);
  return { status: fit.status, detail: [user, ...fit.detail].join(' '), ...(fit.fix ? { fix: fit.fix } : {}) };
}

function accountError(error: unknown, timeoutMs: number): AppError {
  if (isAppError(error)) return error;
  const status = httpStatus(error);
  if (status === 401) {
    return new AppError(
      'unauthorized',
      'The cluster does not accept this token: it is wrong, expired, or revoked (its Secret or ServiceAccount was deleted).',
      'Print the token again with the setup’s kubectl command and replace it. If its Secret was deleted, apply the setup YAML again first.',
    );
  }
  if (status === 403) {
    return new AppError(
      'forbidden',
      `The token is valid, but the account may not even look up who it is${statusMessage(error) ? ` (${statusMessage(error)})` : ''}.`,
      'Apply the setup YAML so the account may create SelfSubjectReviews, or ask the cluster admin why system:basic-user is not bound.',
    );
  }
  if (isTimeout(error)) return timeoutError(timeoutMs, 'The API server');
  if (status === 404) {
    return new AppError(
      'unsupported',
      'This cluster is too old for SelfSubjectReview (Kubernetes 1.28+).',
      'Upgrade the cluster; Strongroom needs Kubernetes 1.28 or newer.',
    );
  }
  return new AppError(
    'internal',
    `The account check failed${status ? ` with HTTP ${status}` : ''}.`,
    'Test again; if it keeps failing, check the log.',
  );
}

/** Runs host, cluster and account in order; a failing step marks the later ones skipped. */
export async function runConnectionTest(
  target: ConnectionTarget,
  options: { now: () => number; onProgress?: ProgressListener },
): Promise<ConnectionTestResult> {
  const at = endpointOf(target.server);
  const facts: { serverVersion?: string; permissions?: PermissionReport } = {};
  const probes: Record<ConnectionStepName, () => Promise<StepOutcome>> = {
    host: () => {
      if (target.gateway) return probeThroughGateway(target.gateway, at);
      return target.proxyUrl
        ? probeHost(endpointOfProxy(target.proxyUrl), target.timeoutMs)
        : probeHost(at, target.timeoutMs);
    },
    cluster: () => probeCluster(at, target, facts),
    account: () => probeAccount(target, facts),
  };
  const steps: ConnectionStepResult[] = [];
  let failed = false;
  for (const step of STEPS) {
    if (failed) {
      steps.push(
        emit(options.onProgress, { step, status: 'skipped', ms: 0, detail: 'Skipped: an earlier step failed.' }),
      );
      continue;
    }
    emit(options.onProgress, { step, status: 'running', ms: 0, detail: '' });
    const started = performance.now();
    let result: ConnectionStepResult;
    try {
      const outcome = await probes[step]();
      result = { step, ms: elapsed(started), ...outcome };
    } catch (error) {
      if (!isAppError(error)) throw error;
      result = {
        step,
        status: 'fail',
        ms: elapsed(started),
        detail: error.message,
        code: error.code,
        ...(error.fix ? { fix: error.fix } : {}),
      };
    }
    failed = result.status === 'fail';
    steps.push(emit(options.onProgress, result));
  }
  return { ok: !failed, steps, at: options.now(), ...facts };
}

function endpointOfProxy(proxyUrl: string): Endpoint {
  const url = new URL(proxyUrl);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
  };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function emit(listener: ProgressListener | undefined, step: ConnectionStepResult): ConnectionStepResult {
  listener?.(step);
  return step;
}
