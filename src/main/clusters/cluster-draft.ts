// Cluster drafts and records: validation, option defaults, and the shapes handed to the connection test and the renderer.
import { createHash } from 'node:crypto';
import {
  type ClusterDraft,
  type ClusterGateway,
  type ClusterOptions,
  type ClusterOptionsPatch,
  type ClusterSummary,
  type ConnectionTestResult,
  DEFAULT_TIMEOUT_MS,
} from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import { checkGatewayConfig, gatewayFor } from '../kube/gateway-for';
import { parseCertificates } from './certs';
import type { ConnectionTarget } from './connection-test';
import type { ClusterRecord } from './repo';
import { endpointOf } from './server-chain';
import { assertDnsLabel } from './setup-yaml';

export function normalizeOptions(options: ClusterOptionsPatch = {}, base?: ClusterOptions): ClusterOptions {
  const { gateway, proxyHasCredentials, ...rest } = options;
  const merged: ClusterOptions = {
    includeNamespaces: [],
    excludeNamespaces: [],
    timeoutMs: DEFAULT_TIMEOUT_MS,
    variant: 'read-only',
    ...base,
    ...rest,
  };
  if (rest.proxyUrl !== undefined)
    merged.proxyUrl = keptCredentials(rest.proxyUrl, proxyHasCredentials, base?.proxyUrl);
  if (gateway) {
    const next = gatewayOf(gateway, base?.gateway);
    if (next) merged.gateway = next;
    else delete merged.gateway;
  }
  merged.includeNamespaces = merged.includeNamespaces.map((ns) => assertDnsLabel(ns, 'namespace name'));
  merged.excludeNamespaces = merged.excludeNamespaces.map((ns) => assertDnsLabel(ns, 'namespace name'));
  for (const key of ['tlsServerName', 'proxyUrl', 'syncSchedule'] as const) if (!merged[key]) delete merged[key];
  if (merged.proxyUrl && !/^(https?|socks5?):\/\//.test(merged.proxyUrl)) {
    throw new AppError(
      'invalid_input',
      'The proxy URL must start with http://, https:// or socks5://.',
      'e.g. http://proxy.internal:3128',
    );
  }
  if (merged.gateway && merged.proxyUrl) {
    throw new AppError(
      'invalid_input',
      'A cluster has either a proxy URL or a gateway, not both.',
      'Remove the proxy URL, or set the gateway to none.',
    );
  }
  return merged;
}

/** The gateway to store; an SSH setting that says `hasPrivateKey` without a key keeps the saved key. */
function gatewayOf(input: ClusterGateway | { kind: 'none' }, saved?: ClusterGateway): ClusterGateway | undefined {
  if (input.kind === 'none') return undefined;
  if (input.kind === 'http-connect') {
    const url = keptCredentials(
      input.url,
      input.hasCredentials,
      saved?.kind === 'http-connect' ? saved.url : undefined,
    );
    checkGatewayConfig({ kind: 'http-connect', url });
    return { kind: 'http-connect', url };
  }
  const { hasPrivateKey, privateKey, ...ssh } = input;
  const key = privateKey || (hasPrivateKey && saved?.kind === 'ssh' ? saved.privateKey : undefined);
  const out: ClusterGateway = key ? { ...ssh, privateKey: key } : ssh;
  checkGatewayConfig(out);
  return out;
}

/**
 * A proxy URL's `user:password` (as typed, still percent-encoded) and the URL without them. As WHATWG URL
 * parsing does, the user info ends at the last `@` of the authority (a password may hold an `@`).
 */
export function splitCredentials(url: string): { url: string; credentials?: string } {
  const scheme = /^[a-z][a-z\d+.-]*:\/\//i.exec(url)?.[0];
  if (!scheme) return { url };
  const rest = url.slice(scheme.length);
  const end = rest.search(/[/?#\\]/);
  const at = (end < 0 ? rest : rest.slice(0, end)).lastIndexOf('@');
  if (at < 0) return { url };
  const stripped = `${scheme}${rest.slice(at + 1)}`;
  return at > 0 ? { url: stripped, credentials: rest.slice(0, at) } : { url: stripped };
}

/** A proxy URL as an edit gives it: its own user:password replace the stored ones; without any, `keep` keeps them. */
function keptCredentials(url: string, keep: boolean | undefined, savedUrl: string | undefined): string {
  const typed = splitCredentials(url);
  const credentials = typed.credentials ?? (keep && savedUrl ? splitCredentials(savedUrl).credentials : undefined);
  return credentials ? typed.url.replace('://', `://${credentials}@`) : typed.url;
}

/** The gateway as the renderer and the CLI see it: whether a key or a proxy password is stored, never either. */
function publicGateway(g: ClusterGateway): ClusterGateway {
  if (g.kind === 'http-connect') {
    const { url, credentials } = splitCredentials(g.url);
    return { kind: 'http-connect', url, hasCredentials: credentials !== undefined };
  }
  const { privateKey, ...rest } = g;
  return { ...rest, hasPrivateKey: Boolean(privateKey) };
}

/** Options as the renderer and the CLI see them: no SSH key, no proxy user or password, only that they are stored. */
function publicOptions(options: ClusterOptions): ClusterOptions {
  const out = { ...options };
  if (options.gateway) out.gateway = publicGateway(options.gateway);
  if (options.proxyUrl) {
    const { url, credentials } = splitCredentials(options.proxyUrl);
    out.proxyUrl = url;
    if (credentials !== undefined) out.proxyHasCredentials = true;
  }
  return out;
}

/** Checks a draft before anything touches the network; the token is trimmed of the newline `base64 -d` leaves. */
export function validateDraft(draft: ClusterDraft, now: number): ClusterDraft {
  const name = draft.name.trim();
  if (!name || name.length > 100) {
    throw new AppError(
      'invalid_input',
      'A cluster needs a name of 1 to 100 characters.',
      'Pick a short name, e.g. prod-eu.',
    );
  }
  endpointOf(draft.server);
  const token = draft.token.trim();
  if (!token || /\s/.test(token)) {
    throw new AppError(
      'invalid_input',
      'The token is empty or contains spaces.',
      'Paste the token printed by the setup’s kubectl command, as one line.',
    );
  }
  // Re-encoded from the parsed certificates: a key pasted along with them is never stored or sent back.
  const caPem = draft.caPem.trim()
    ? parseCertificates(draft.caPem, { now })
        .certs.map((c) => c.pem.trim())
        .join('\n')
    : '';
  return { ...draft, name, token, caPem: caPem && `${caPem}\n`, server: draft.server.replace(/\/+$/, '') };
}

export function targetOf(
  d: { server: string; caPem: string; token: string },
  options: ClusterOptions,
): ConnectionTarget {
  const t: ConnectionTarget = {
    server: d.server,
    caPem: d.caPem,
    token: d.token,
    timeoutMs: options.timeoutMs,
    variant: options.variant,
    includeNamespaces: options.includeNamespaces,
  };
  if (options.tlsServerName) t.tlsServerName = options.tlsServerName;
  if (options.proxyUrl) t.proxyUrl = options.proxyUrl;
  if (options.gateway) {
    t.gateway = gatewayFor(options.gateway, options.timeoutMs);
    t.gatewayFacts = createHash('sha256').update(JSON.stringify(options.gateway)).digest('hex');
  }
  return t;
}

/** A digest of everything the test depends on, so a pass cannot be reused for other facts. */
export function testKey(t: ConnectionTarget): string {
  const facts = [
    t.server,
    t.caPem,
    t.token,
    t.tlsServerName,
    t.proxyUrl,
    t.variant,
    t.includeNamespaces.join(','),
    t.gatewayFacts,
  ];
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

export function lastTestOf(test: ConnectionTestResult): NonNullable<ClusterRecord['lastTest']> {
  return { at: test.at, ok: test.ok, ...(test.serverVersion ? { serverVersion: test.serverVersion } : {}) };
}

export function toSummary(r: ClusterRecord): ClusterSummary {
  const out: ClusterSummary = {
    id: r.id,
    name: r.name,
    server: r.server,
    caPem: r.caPem,
    hasToken: true,
    options: publicOptions(r.options),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
  if (r.lastTest) out.lastTest = r.lastTest;
  return out;
}

/** The SHA-256 fingerprints of a trusted bundle, for the audit trail of what was trusted when. */
export function caFingerprints(caPem: string, now: number): string[] {
  return caPem.trim() ? parseCertificates(caPem, { now }).certs.map((c) => c.fingerprintSha256) : [];
}
