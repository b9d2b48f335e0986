// Reads a kubeconfig file: lists its contexts and turns a token context into a draft cluster. Never runs exec plugins.
import { parse } from 'yaml';
import type {
  ClusterDraft,
  KubeconfigContextInfo,
  KubeconfigImport,
  KubeconfigSummary,
  KubeconfigUserKind,
} from '../../shared/clusters';
import { AppError } from '../../shared/errors';

/** Real kubeconfigs are a few KB; even big ones with many inline certs stay far below this. */
export const MAX_KUBECONFIG_BYTES = 2 * 1024 * 1024;
const MAX_CONTEXTS = 500;

const FIX_KUBECONFIG = 'Pick a kubeconfig file (usually ~/.kube/config), or check it with `kubectl config view`.';
const FIX_TOKEN =
  'Strongroom only stores a ServiceAccount token, never client keys or exec plugins. Generate the setup YAML, apply it with kubectl, and paste the token it prints.';

type Rec = Record<string, unknown>;

function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function bad(message: string): AppError {
  return new AppError('bad_file', message, FIX_KUBECONFIG);
}

/** `[{name, <field>: {...}}]` into a map by name; entries without a name are skipped. */
function named(list: unknown, field: string): Map<string, Rec> {
  const out = new Map<string, Rec>();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw bad(`The "${field}s" section of the kubeconfig is not a list.`);
  for (const item of list.slice(0, MAX_CONTEXTS)) {
    if (!isRec(item)) continue;
    const name = str(item.name);
    const body = item[field];
    if (name && isRec(body)) out.set(name, body);
  }
  return out;
}

interface ParsedKubeconfig {
  contexts: Map<string, Rec>;
  clusters: Map<string, Rec>;
  users: Map<string, Rec>;
  current?: string;
}

function parseKubeconfig(text: string): ParsedKubeconfig {
  if (text.length > MAX_KUBECONFIG_BYTES) throw bad('This file is too large to be a kubeconfig.');
  if (text.trim() === '') throw bad('The file is empty.');
  let doc: unknown;
  try {
    // Bounded alias expansion stops "billion laughs" files; a kubeconfig never needs anchors.
    doc = parse(text, { maxAliasCount: 100, uniqueKeys: false, strict: false, prettyErrors: false, logLevel: 'error' });
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new AppError('bad_file', `The file is not valid YAML${line ? ` (near line ${line})` : ''}.`, FIX_KUBECONFIG, {
      cause: error,
    });
  }
  if (!isRec(doc)) throw bad('This file is not a kubeconfig: it has no clusters, users or contexts.');
  if (doc.kind !== undefined && doc.kind !== 'Config') {
    throw bad(`This YAML is a Kubernetes "${String(doc.kind).slice(0, 60)}", not a kubeconfig (kind: Config).`);
  }
  const parsed = {
    contexts: named(doc.contexts, 'context'),
    clusters: named(doc.clusters, 'cluster'),
    users: named(doc.users, 'user'),
    current: str(doc['current-context']),
  };
  if (parsed.contexts.size === 0) throw bad('This kubeconfig has no contexts.');
  return parsed;
}

function userKind(user: Rec | undefined): KubeconfigUserKind {
  if (!user) return 'none';
  if (str(user.token) || str(user.tokenFile)) return 'token';
  if (isRec(user.exec)) return 'exec';
  if (isRec(user['auth-provider'])) return 'auth-provider';
  if (str(user['client-certificate-data']) || str(user['client-certificate'])) return 'client-certificate';
  if (str(user.username) || str(user.password)) return 'basic';
  return 'none';
}

const NOTES: Record<Exclude<KubeconfigUserKind, 'token'>, string> = {
  'client-certificate': `This context signs in with a client certificate. ${FIX_TOKEN}`,
  exec: `This context runs an exec plugin (e.g. a cloud CLI) to get a token. ${FIX_TOKEN}`,
  'auth-provider': `This context uses an auth provider (OIDC or a cloud login). ${FIX_TOKEN}`,
  basic: `This context uses a user name and password, which Kubernetes no longer supports. ${FIX_TOKEN}`,
  none: `This context has no credentials. ${FIX_TOKEN}`,
};

function describe(name: string, ctx: Rec, cfg: ParsedKubeconfig): KubeconfigContextInfo {
  const clusterName = str(ctx.cluster) ?? '';
  const userName = str(ctx.user) ?? '';
  const cluster = cfg.clusters.get(clusterName);
  const kind = userKind(cfg.users.get(userName));
  const server = str(cluster?.server) ?? '';
  const caFile = str(cluster?.['certificate-authority']);
  const ca: KubeconfigContextInfo['ca'] = str(cluster?.['certificate-authority-data'])
    ? { kind: 'data' }
    : caFile
      ? { kind: 'file', path: caFile }
      : cluster?.['insecure-skip-tls-verify'] === true
        ? { kind: 'insecure' }
        : { kind: 'none' };
  let note: string | undefined = kind === 'token' ? undefined : NOTES[kind];
  if (!cluster) note = `The cluster "${clusterName}" this context names is missing from the file.`;
  else if (!server.startsWith('https://')) note = 'The cluster’s server is not an https:// URL.';
  const info: KubeconfigContextInfo = {
    name,
    cluster: clusterName,
    server,
    ca,
    user: userName,
    userKind: kind,
    importable: note === undefined,
    current: name === cfg.current,
  };
  const namespace = str(ctx.namespace);
  const tlsServerName = str(cluster?.['tls-server-name']);
  const proxyUrl = str(cluster?.['proxy-url']);
  if (namespace) info.namespace = namespace;
  if (tlsServerName) info.tlsServerName = tlsServerName;
  if (proxyUrl) info.proxyUrl = proxyUrl;
  if (note) info.note = note;
  return info;
}

/** Lists the contexts of a kubeconfig; malformed files are bad_file with a fix. */
export function summarizeKubeconfig(text: string): KubeconfigSummary {
  const cfg = parseKubeconfig(text);
  const contexts = [...cfg.contexts].map(([name, ctx]) => describe(name, ctx, cfg));
  return cfg.current ? { contexts, currentContext: cfg.current } : { contexts };
}

export interface ImportOptions {
  /** Reads a file the kubeconfig points at (CA or token file). Only the CLI passes one. */
  readFile?: (path: string) => string;
}

/** Turns one token context into a draft cluster, ready for the connection test. */
export function importKubeconfigContext(
  text: string,
  contextName: string | undefined,
  options: ImportOptions = {},
): KubeconfigImport {
  const cfg = parseKubeconfig(text);
  const name = contextName ?? cfg.current ?? [...cfg.contexts.keys()][0];
  const ctx = name ? cfg.contexts.get(name) : undefined;
  if (!name || !ctx) {
    throw new AppError(
      'not_found',
      `The kubeconfig has no context "${contextName}".`,
      'Pick one of the contexts it lists.',
    );
  }
  const info = describe(name, ctx, cfg);
  if (!info.importable) throw new AppError('unsupported', `Context "${name}" cannot be imported as is.`, info.note);
  const cluster = cfg.clusters.get(info.cluster) as Rec;
  const user = cfg.users.get(info.user) as Rec;
  const warnings: string[] = [];
  let caPem = '';
  const caData = str(cluster['certificate-authority-data']);
  if (caData) caPem = Buffer.from(caData, 'base64').toString('utf8');
  else if (info.ca.kind === 'file' && options.readFile) caPem = options.readFile(info.ca.path);
  else if (info.ca.kind === 'file')
    warnings.push(`The CA is in the file ${info.ca.path}: import it in the certificate step.`);
  else if (info.ca.kind === 'insecure') {
    warnings.push(
      'This context skips TLS verification. Strongroom never does: import or fetch the cluster’s CA certificate.',
    );
  } else
    warnings.push('This context trusts the system CAs. Import the cluster’s CA certificate, or fetch and confirm it.');
  let token = str(user.token);
  if (!token && str(user.tokenFile)) {
    if (!options.readFile)
      throw new AppError('unsupported', `Context "${name}" reads its token from a file.`, FIX_TOKEN);
    token = options.readFile(String(user.tokenFile)).trim();
  }
  const draft: ClusterDraft = {
    name,
    server: info.server,
    caPem,
    token: token ?? '',
    options: {},
  };
  if (info.tlsServerName) draft.options.tlsServerName = info.tlsServerName;
  if (info.proxyUrl) draft.options.proxyUrl = info.proxyUrl;
  return { draft, warnings };
}
