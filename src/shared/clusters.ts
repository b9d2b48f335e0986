// Cluster domain types shared by main, preload and renderer: certificates, setup YAML, tests, records.
import type { z } from 'zod';
import type { ErrorCode } from './errors';

/**
 * A cluster's identifier. Branded (zod's `.brand()`, see the `clusters:*` and `sync:*` schemas) so
 * that a plain string or another domain's id is a type error; the schemas hand handlers a ClusterId.
 */
export type ClusterId = string & z.$brand<'ClusterId'>;

/** One X.509 certificate as the user needs to judge it. Public data only. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** ISO 8601 timestamps. */
  notBefore: string;
  notAfter: string;
  /** Subject alternative names, as `DNS:name` or `IP:address`. */
  sans: string[];
  /** basicConstraints CA flag. */
  isCA: boolean;
  selfIssued: boolean;
  /** SHA-256 over the DER bytes, upper-case hex pairs joined by colons (as openssl prints it). */
  fingerprintSha256: string;
  /** The certificate re-encoded as PEM, ready to be stored in the trust store. */
  pem: string;
}

/** Something the user should know about a certificate before trusting it. */
export interface CertificateWarning {
  code: 'expired' | 'not_yet_valid' | 'not_ca' | 'name_mismatch' | 'ignored_block';
  message: string;
  /** Index into `certs`, when the warning is about one certificate. */
  certIndex?: number;
}

/** The certificates found in a file or fetched from a server, with warnings. */
export interface ParsedCertificates {
  certs: CertificateInfo[];
  warnings: CertificateWarning[];
}

/** Which setup YAML to generate: cluster-wide read-only, cluster-wide read-write, or per-namespace. */
export type SetupVariant = 'read-only' | 'read-write' | 'namespaced';
export const SETUP_VARIANTS: readonly SetupVariant[] = ['read-only', 'read-write', 'namespaced'];

/** The generated setup YAML and the kubectl commands shown beside it. */
export interface SetupYaml {
  variant: SetupVariant;
  /** Multi-document YAML for `kubectl apply -f`. */
  yaml: string;
  /** Suggested file name when saving. */
  fileName: string;
  commands: { apply: string; printToken: string; printCa: string };
  serviceAccount: { namespace: string; name: string; secretName: string };
}

/** How a kubeconfig user authenticates. Only `token` can be imported as is. */
export type KubeconfigUserKind = 'token' | 'client-certificate' | 'exec' | 'auth-provider' | 'basic' | 'none';

/** One context of a kubeconfig file, as listed before import. Never carries the token itself. */
export interface KubeconfigContextInfo {
  name: string;
  cluster: string;
  server: string;
  namespace?: string;
  /** Where the CA comes from: inline data, a file path, none (system CAs), or TLS verification off. */
  ca: { kind: 'data' } | { kind: 'file'; path: string } | { kind: 'none' } | { kind: 'insecure' };
  tlsServerName?: string;
  proxyUrl?: string;
  user: string;
  userKind: KubeconfigUserKind;
  /** True when this context can become a draft cluster without more input. */
  importable: boolean;
  /** Why it cannot be imported as is, and what to do. */
  note?: string;
  current: boolean;
}

/** The result of reading a kubeconfig file. */
export interface KubeconfigSummary {
  contexts: KubeconfigContextInfo[];
  currentContext?: string;
}

/** Options of a cluster record. */
export interface ClusterOptions {
  /** Namespaces to fetch; empty means all. */
  includeNamespaces: string[];
  excludeNamespaces: string[];
  /** TLS server name (SNI and certificate check) when it differs from the URL's host. */
  tlsServerName?: string;
  /** HTTP CONNECT proxy, e.g. `http://proxy.local:3128`; in summaries without its `user:password@`. */
  proxyUrl?: string;
  /**
   * Summaries: the stored proxy URL carries a user and password. Sent back with a URL that has none, it
   * keeps them (an edit that leaves them alone); never stored itself.
   */
  proxyHasCredentials?: boolean;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Placeholder for the sync schedule (cron text), owned by the sync workflow. */
  syncSchedule?: string;
  /** Which setup variant the account was created with; the permissions review checks against it. */
  variant: SetupVariant;
  /** How the API server is reached when it is not directly reachable; absent means directly (or via proxyUrl). */
  gateway?: ClusterGateway;
}

/**
 * A cluster's gateway: an SSH jump host (known_hosts checked; a private key kept in the vault, or the
 * ssh-agent when none) or an HTTP CONNECT proxy. Summaries carry `hasPrivateKey`, never the key.
 */
export type ClusterGateway =
  | {
      kind: 'ssh';
      host: string;
      port: number;
      username: string;
      /** OpenSSH known_hosts line(s); the jump host's key must be one of them. */
      knownHosts: string;
      privateKey?: string;
      hasPrivateKey?: boolean;
    }
  | {
      kind: 'http-connect';
      /** In summaries, without its `user:password@`: those stay in main. */
      url: string;
      /**
       * Summaries: whether the stored URL carries a user and password. Sent back with a URL that has none,
       * it keeps the stored ones (an edit that leaves them alone).
       */
      hasCredentials?: boolean;
    };

/** Options as a draft or an edit gives them; a gateway of kind `none` removes the saved one. */
export type ClusterOptionsPatch = Partial<Omit<ClusterOptions, 'gateway'>> & {
  gateway?: ClusterGateway | { kind: 'none' };
};

export const DEFAULT_TIMEOUT_MS = 10_000;

/** One step of the connection test. */
export type ConnectionStepName = 'host' | 'cluster' | 'account';

/** The result of one step: what happened, how long it took, and a plain-language fix on failure. */
export interface ConnectionStepResult {
  step: ConnectionStepName;
  status: 'pass' | 'fail' | 'warn' | 'skipped' | 'running';
  ms: number;
  detail: string;
  fix?: string;
  /** On failure: the error code (`unreachable`, `timeout`, `tls`, `expired`, `unauthorized`, `forbidden`, …). */
  code?: ErrorCode;
}

/** What the account may do, from the permissions review. */
export interface PermissionReport {
  username?: string;
  groups: string[];
  /** Human-readable lines, e.g. `list secrets (all namespaces)`. */
  allowed: string[];
  /** Checks the chosen variant needs that the account lacks. */
  missing: string[];
  /** Rights no Strongroom setup grants (cluster-admin, delete Secrets…): an admin's account, not the setup YAML's. */
  excessive: string[];
  /** Rights of a broader Strongroom setup (read-write) that the chosen variant does not grant. */
  beyondVariant: string[];
}

/** The whole connection test: the three steps and the facts learned. */
export interface ConnectionTestResult {
  ok: boolean;
  steps: ConnectionStepResult[];
  serverVersion?: string;
  permissions?: PermissionReport;
  /** Epoch milliseconds when the test finished. */
  at: number;
}

/** A saved cluster as the renderer sees it. The token never leaves main once saved. */
export interface ClusterSummary {
  id: ClusterId;
  name: string;
  server: string;
  /** The trusted CA bundle (public certificates), PEM. */
  caPem: string;
  hasToken: true;
  options: ClusterOptions;
  lastTest?: { at: number; ok: boolean; serverVersion?: string };
  /** How many resources (one per namespace) were fetched from this cluster, when sync is wired. */
  fetchedResources?: number;
  /** Secrets fetched from this cluster into the vault (one account each). */
  fetchedSecrets?: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * A cluster not saved yet, as the add wizard or a kubeconfig import collected it. It carries the
 * token the user typed or imported; once saved, the token stays in main.
 */
export interface ClusterDraft {
  name: string;
  server: string;
  /** Trusted CA bundle, PEM (from the certificate step). */
  caPem: string;
  token: string;
  options: ClusterOptionsPatch;
}

/** A kubeconfig context turned into a draft, with what the user still has to do. */
export interface KubeconfigImport {
  draft: ClusterDraft;
  warnings: string[];
}

/** What happened on delete: the record is gone; fetched resources were kept or removed as asked. */
export interface ClusterDeleteResult {
  id: ClusterId;
  name: string;
  resources: 'kept' | 'removed';
  resourceCount: number;
  /** A sentence to show the user, e.g. that kept resources stay under Resources. */
  message: string;
}
