// Channels of the Resources view: the account table, account detail, reveal/copy, history, diff and export.
import { z } from 'zod';
import type { DecodedValue } from '../secrets';
import { channel, returns } from './contract';
import { exportDestinationFields } from './export-destination';
import type { ExportResult } from './transfer';

/** A resource: one per (namespace, cluster) for Kubernetes, named `<namespace>-<cluster>`. */
export interface ResourceSummary {
  id: number;
  name: string;
  type: string;
  clusterId: string | null;
  namespace: string | null;
  /** `namespace`: sync follows the namespace; `selected`: only the Secrets picked at fetch. */
  scope: 'namespace' | 'selected';
  accounts: number;
  /** Accounts marked deleted in cluster, waiting for purge or keep. */
  deleted: number;
  lastSynced: number | null;
}

/** Whether the Secret still exists in the cluster at the last sync. */
export type AccountState = 'present' | 'deleted_in_cluster';

/** One row of the virtualised account table. Holds no value. */
export interface AccountRow {
  id: number;
  resourceId: number;
  resourceName: string;
  clusterId: string | null;
  namespace: string | null;
  /** The Secret's name. */
  name: string;
  /** The Secret's type, e.g. `Opaque`. */
  type: string;
  keyCount: number;
  /** Total bytes of all values. */
  size: number;
  state: AccountState;
  firstSeen: number;
  lastSynced: number;
}

/** One page of the account table; `total` counts every match (for the scrollbar). */
export interface AccountPage {
  rows: AccountRow[];
  total: number;
  offset: number;
}

/** One data key: name and exact byte size, never the value. */
export interface AccountKey {
  name: string;
  size: number;
}

/** A key that changed between a version and the one before it. Names only, never values. */
export interface KeyChange {
  key: string;
  change: 'added' | 'removed' | 'changed';
}

/** One version of an account's Secret as sync saw it. */
export interface VersionSummary {
  id: number;
  /** When sync (or fetch) saw it, ms since the epoch. */
  seenAt: number;
  resourceVersion: string;
  /** The manager of the latest managedFields entry (e.g. `kubectl-client-side-apply`), when present. */
  changedBy: string | null;
  keys: AccountKey[];
  /** Keys changed since the previous version the vault saw; null for the first it saw, and in a diff's ends (the diff says). */
  changes: KeyChange[] | null;
}

/** The account detail view. Annotations never include kubectl's last-applied copy of the values. */
export interface AccountDetail extends AccountRow {
  uid: string | null;
  resourceVersion: string;
  createdAt: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  keys: AccountKey[];
  /** Newest first. */
  versions: VersionSummary[];
}

/** A revealed value (audited), decoded byte-exact by the transfer decoder. */
export interface RevealedValue {
  accountId: number;
  versionId: number;
  key: string;
  value: DecodedValue;
}

/** One key in a diff between two versions. Values come only with `reveal: true` (audited). */
export interface DiffKey {
  key: string;
  status: 'added' | 'removed' | 'changed' | 'same';
  fromSize: number | null;
  toSize: number | null;
  from?: DecodedValue;
  to?: DecodedValue;
}

/** A per-key diff between two versions of one account. */
export interface VersionDiff {
  accountId: number;
  from: VersionSummary;
  to: VersionSummary;
  keys: DiffKey[];
  revealed: boolean;
}

const id = z.number().int().positive();
const view = z.enum(['auto', 'text', 'hex']).optional();

/** The resource list (for the tree beside the table), optionally one cluster's. */
export const listResources = channel(
  'resources:resources',
  z.object({ clusterId: z.string().min(1).max(200).optional() }).strict(),
  returns<ResourceSummary[]>(),
);

/** A page of accounts, sorted and filtered in main so that 10k+ rows stay fast. `text` matches name, namespace, resource. */
export const listAccounts = channel(
  'resources:list',
  z
    .object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
      sort: z
        .object({
          by: z.enum(['name', 'resource', 'namespace', 'type', 'keys', 'size', 'state', 'lastSynced']),
          dir: z.enum(['asc', 'desc']).default('asc'),
        })
        .strict()
        .default({ by: 'name', dir: 'asc' }),
      filter: z
        .object({
          text: z.string().max(200).optional(),
          clusterId: z.string().max(200).optional(),
          resourceId: id.optional(),
          state: z.enum(['present', 'deleted_in_cluster']).optional(),
          type: z.string().max(253).optional(),
        })
        .strict()
        .default({}),
    })
    .strict(),
  returns<AccountPage>(),
);

export const accountDetail = channel(
  'resources:account',
  z.object({ accountId: id }).strict(),
  returns<AccountDetail>(),
);

/** Decodes one key's value (the newest version unless `versionId`). Audited as `secret.reveal`. */
export const revealValue = channel(
  'resources:reveal',
  z.object({ accountId: id, key: z.string().min(1).max(253), versionId: id.optional(), view }).strict(),
  returns<RevealedValue>(),
);

/** Versions of one account, newest first. */
export const accountHistory = channel(
  'resources:history',
  z.object({ accountId: id }).strict(),
  returns<VersionSummary[]>(),
);

/** Per-key diff of two versions. With `reveal`, values of changed/added/removed keys are decoded (audited). */
export const diffVersions = channel(
  'resources:diff',
  z.object({ accountId: id, fromVersionId: id, toVersionId: id, reveal: z.boolean().optional(), view }).strict(),
  returns<VersionDiff>(),
);

/**
 * Exports an account (`json` Secret or `list`), a resource or a cluster (`list` or `bundle`) from the
 * vault through transfer's writer: atomic, mode 0600, audited. A plain file holds values in clear.
 * Where it goes, and its errors: as `transfer:exportOffline`.
 */
export const exportAccounts = channel(
  'resources:export',
  z
    .object({
      target: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('account'), accountId: id }).strict(),
        z.object({ kind: z.literal('resource'), resourceId: id }).strict(),
        z.object({ kind: z.literal('cluster'), clusterId: z.string().min(1).max(200) }).strict(),
      ]),
      format: z.enum(['json', 'list', 'bundle']),
      ...exportDestinationFields,
      /** Moves every Secret to this namespace in the file. */
      namespace: z.string().min(1).max(63).optional(),
      /** Include accounts marked deleted in cluster (default no). */
      includeDeleted: z.boolean().optional(),
      passphrase: z.string().min(1).max(1024).optional(),
    })
    .strict(),
  returns<ExportResult>(),
);

export const resourcesChannels = [
  listResources,
  listAccounts,
  accountDetail,
  revealValue,
  accountHistory,
  diffVersions,
  exportAccounts,
] as const;
