// Channels of the Clusters view: certificates, setup YAML, kubeconfig import, connection test, and cluster records.
import { z } from 'zod';
import type {
  ClusterDeleteResult,
  ClusterSummary,
  ConnectionTestResult,
  KubeconfigImport,
  KubeconfigSummary,
  ParsedCertificates,
  SetupYaml,
} from '../clusters';
import { ERROR_CODES } from '../errors';
import { BUILT_IN_ACCESS_ACCOUNTS } from './access';
import { channel, event, returns } from './contract';

const MB = 1024 * 1024;
const Name = z.string().min(1).max(100);
const Url = z.string().min(1).max(2048);
const Namespace = z.string().min(1).max(63);
const Token = z
  .string()
  .min(1)
  .max(16 * 1024);
const Variant = z.enum(['read-only', 'read-write', 'namespaced']);
/** A saved cluster's id (a UUID). */
const Id = z.string().min(1).max(64).brand<'ClusterId'>();

/** A gateway as sent by the wizard or the CLI; `none` removes the cluster's gateway. */
const GatewayInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('ssh'),
      host: z.string().min(1).max(253),
      port: z.number().int().min(1).max(65535),
      username: z.string().min(1).max(100),
      knownHosts: z.string().min(1).max(64_000),
      privateKey: z.string().max(64_000).optional(),
      // Sent back as the summary gave it: keeps the stored key when no new one is given.
      hasPrivateKey: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('http-connect'),
      url: z.string().max(2048),
      // Sent back as the summary gave it: keeps the stored user and password when the URL gives none.
      hasCredentials: z.boolean().optional(),
    })
    .strict(),
]);

/** Cluster options; every field optional, defaults applied in main. */
export const ClusterOptionsInput = z
  .object({
    includeNamespaces: z.array(Namespace).max(1000),
    excludeNamespaces: z.array(Namespace).max(1000),
    tlsServerName: z.string().max(253),
    proxyUrl: z.string().max(2048),
    // Sent back as the summary gave it: keeps the stored user and password when `proxyUrl` gives none.
    proxyHasCredentials: z.boolean(),
    timeoutMs: z.number().int().min(1000).max(300_000),
    syncSchedule: z.string().max(200),
    variant: Variant,
    gateway: GatewayInput,
  })
  .partial()
  .strict();

/** A cluster being added: name, API URL, trusted CA (PEM), token and options. */
export const ClusterDraftInput = z
  .object({
    name: Name,
    server: Url,
    caPem: z.string().max(MB),
    token: Token,
    options: ClusterOptionsInput.default({}),
  })
  .strict();

export const clustersList = channel('clusters:list', z.object({}).strict(), returns<ClusterSummary[]>());
export const clustersGet = channel('clusters:get', z.object({ id: Id }).strict(), returns<ClusterSummary>());

/**
 * Reads a certificate file the renderer loaded: PEM as text, or any file as base64 (DER, PKCS#7).
 * With `serverUrl` the leaf is checked against its host; `expectCa` (default true) warns when no CA is found.
 */
export const clustersParseCertificate = channel(
  'clusters:parseCertificate',
  z
    .object({
      content: z.string().max(2 * MB),
      encoding: z.enum(['text', 'base64']).default('text'),
      serverUrl: Url.optional(),
      tlsServerName: z.string().max(253).optional(),
      expectCa: z.boolean().default(true),
    })
    .strict(),
  returns<ParsedCertificates>(),
);

/** Connects without trusting the server and returns its chain, for the user to confirm one certificate by fingerprint. */
export const clustersFetchServerChain = channel(
  'clusters:fetchServerChain',
  z
    .object({
      server: Url,
      tlsServerName: z.string().max(253).optional(),
      timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
    })
    .strict(),
  returns<ParsedCertificates>(),
);

/** The setup YAML for a variant, with the kubectl commands that apply it and print the token and CA. */
export const clustersSetupYaml = channel(
  'clusters:setupYaml',
  z
    .object({
      variant: Variant,
      namespace: Namespace.optional(),
      serviceAccount: Namespace.optional(),
      createNamespace: z.boolean().optional(),
      targetNamespaces: z.array(Namespace).max(200).optional(),
      access: z.enum(['read-only', 'read-write']).optional(),
      accessAccounts: z.array(z.enum(BUILT_IN_ACCESS_ACCOUNTS)).max(3).optional(),
      /** With accessAccounts: may create and delete the Secrets session tokens are bound to (instant revocation). */
      sessionSecrets: z.boolean().optional(),
    })
    .strict(),
  returns<SetupYaml>(),
);

/** Lists the contexts of a kubeconfig file's content (never its credentials). */
export const clustersParseKubeconfig = channel(
  'clusters:parseKubeconfig',
  z.object({ content: z.string().max(2 * MB) }).strict(),
  returns<KubeconfigSummary>(),
);

/** Turns one context of a kubeconfig's content into a draft; exec and client-certificate users are refused with a fix. */
export const clustersImportKubeconfig = channel(
  'clusters:importKubeconfig',
  z.object({ content: z.string().max(2 * MB), context: z.string().max(253).optional() }).strict(),
  returns<KubeconfigImport>(),
);

/**
 * Runs the three-step test on a draft or a saved cluster. Pass a `progressId` to receive
 * `clusters:test-progress` events for it while the test runs.
 */
export const clustersTest = channel(
  'clusters:test',
  z.union([
    z.object({ draft: ClusterDraftInput, progressId: z.string().max(64).optional() }).strict(),
    // A saved cluster as an edit form holds it (URL, CA, a new token, options with the gateway): tested, not saved.
    z
      .object({
        id: Id,
        server: Url.optional(),
        caPem: z.string().max(MB).optional(),
        token: Token.optional(),
        options: ClusterOptionsInput.optional(),
        progressId: z.string().max(64).optional(),
      })
      .strict(),
  ]),
  returns<ConnectionTestResult>(),
);

/**
 * Saves a new cluster. Needs a passing test of the same facts (re-run if none is recent, with
 * progress events under `progressId`) unless `saveAnyway`, which is audited.
 */
export const clustersSave = channel(
  'clusters:save',
  z
    .object({
      draft: ClusterDraftInput,
      saveAnyway: z.boolean().default(false),
      progressId: z.string().max(64).optional(),
    })
    .strict(),
  returns<{ cluster: ClusterSummary; test: ConnectionTestResult }>(),
);

/** Edits a saved cluster; a new `token` replaces the stored one. Changing how it is reached re-tests (`test` is then set). */
export const clustersUpdate = channel(
  'clusters:update',
  z
    .object({
      id: Id,
      patch: z
        .object({
          name: Name.optional(),
          server: Url.optional(),
          caPem: z.string().max(MB).optional(),
          token: Token.optional(),
          options: ClusterOptionsInput.optional(),
        })
        .strict(),
      saveAnyway: z.boolean().default(false),
      progressId: z.string().max(64).optional(),
    })
    .strict(),
  returns<{ cluster: ClusterSummary; test: ConnectionTestResult | null }>(),
);

/** Deletes a cluster; `resources` says whether its fetched resources are kept (default) or removed. */
export const clustersDelete = channel(
  'clusters:delete',
  z.object({ id: Id, resources: z.enum(['keep', 'remove']).default('keep') }).strict(),
  returns<ClusterDeleteResult>(),
);

/** One step of a running connection test changed (running, then pass/warn/fail/skipped). */
export const clustersTestProgress = event(
  'clusters:test-progress',
  z.object({
    progressId: z.string(),
    step: z.object({
      step: z.enum(['host', 'cluster', 'account']),
      status: z.enum(['pass', 'fail', 'warn', 'skipped', 'running']),
      ms: z.number(),
      detail: z.string(),
      fix: z.string().optional(),
      code: z.enum(ERROR_CODES).optional(),
    }),
  }),
);

export const clustersChannels = [
  clustersList,
  clustersGet,
  clustersParseCertificate,
  clustersFetchServerChain,
  clustersSetupYaml,
  clustersParseKubeconfig,
  clustersImportKubeconfig,
  clustersTest,
  clustersSave,
  clustersUpdate,
  clustersDelete,
] as const;
export const clustersEvents = [clustersTestProgress] as const;
