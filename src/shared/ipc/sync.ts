// Channels and events of fetch and sync: browse a cluster, fetch into the vault, sync, cancel, purge, schedule.
import { z } from 'zod';
import type { ErrorData } from '../errors';
import { channel, event, returns } from './contract';

const clusterId = z.string().min(1).max(200).brand<'ClusterId'>();
/** Kubernetes DNS label (namespace) or DNS subdomain (Secret name). */
const k8sName = z.string().min(1).max(253);
/** A job id chosen by the caller, so it can cancel before the call returns. */
const jobId = z.uuid();

/** One namespace as Browse shows it: Secret counts, and whether it is already in the vault. */
export interface BrowseNamespace {
  namespace: string;
  /** Secrets shown by default. */
  secrets: number;
  /** Helm release Secrets and service-account tokens, hidden unless asked for. */
  hidden: number;
  /** Id of the resource `<namespace>-<cluster>` when fetched before. */
  resourceId: number | null;
  lastSynced: number | null;
  /** Set when this namespace could not be counted (e.g. `forbidden`); the others still are. */
  error?: ErrorData;
}

/** A cluster's namespaces for Browse. Nothing is stored. */
export interface BrowseNamespacesResult {
  clusterId: string;
  namespaces: BrowseNamespace[];
}

/** One Secret as Browse shows it: names and sizes only, never a value. */
export interface BrowseSecret {
  name: string;
  type: string;
  /** Data key names in source order. */
  keys: string[];
  /** creationTimestamp (ISO 8601); the renderer shows the age. */
  createdAt: string | null;
  /** Total bytes of all values. */
  size: number;
  /** Helm release or service-account token (listed only with `showHidden`). */
  hidden: boolean;
  /** Already an account in the vault. */
  fetched: boolean;
}

/** A namespace's Secrets for Browse. `hiddenCount` counts what the filter left out. */
export interface BrowseSecretsResult {
  clusterId: string;
  namespace: string;
  secrets: BrowseSecret[];
  hiddenCount: number;
}

/** What one namespace's fetch or sync did. `failed` is 1 when the namespace failed (see `error`). */
export interface NamespaceReport {
  namespace: string;
  resourceId: number | null;
  outcome: 'ok' | 'failed' | 'cancelled' | 'unchanged';
  added: number;
  changed: number;
  deleted: number;
  unchanged: number;
  failed: number;
  error?: ErrorData;
}

/** The report of a fetch or sync, per namespace and in total. Namespaces that failed were left as they were. */
export interface SyncReport {
  jobId: string;
  clusterId: string;
  kind: 'fetch' | 'sync';
  trigger: 'manual' | 'schedule';
  startedAt: number;
  finishedAt: number;
  cancelled: boolean;
  /** True when the cluster had not changed at all since the last sync (one cheap request). */
  shortCircuit: boolean;
  /**
   * How the run learnt what changed: `resourceVersion` (nothing had, one cheap request), `watch` (resumed a
   * watch from the last sync's version: only changed Secrets were read), or `list` (listed the namespaces).
   */
  via: 'resourceVersion' | 'watch' | 'list';
  namespaces: NamespaceReport[];
  totals: { added: number; changed: number; deleted: number; unchanged: number; failed: number };
}

/** The presets offered beside a custom cron expression. */
export const SCHEDULE_PRESETS = { hourly: '0 * * * *', 'every-6-hours': '0 */6 * * *', daily: '0 3 * * *' } as const;
export type SchedulePreset = keyof typeof SCHEDULE_PRESETS;

/** A cluster's sync schedule. `nextRun` is null when none is set, it is disabled, or the vault is locked. */
export interface SyncSchedule {
  clusterId: string;
  cron: string | null;
  /** The preset the cron matches, if any. */
  preset: SchedulePreset | null;
  enabled: boolean;
  nextRun: number | null;
  lastRun: number | null;
  /** `ok`, `partial` (some namespaces failed) or an error code. */
  lastOutcome: string | null;
}

/** Lists the cluster's namespaces (within its include/exclude options) with Secret counts. */
export const browseNamespaces = channel(
  'sync:browseNamespaces',
  z.object({ clusterId }).strict(),
  returns<BrowseNamespacesResult>(),
);

/** Lists one namespace's Secrets (names, types, keys, sizes). `showHidden` lists Helm releases and SA tokens too. */
export const browseSecrets = channel(
  'sync:browseSecrets',
  z.object({ clusterId, namespace: k8sName, showHidden: z.boolean().optional() }).strict(),
  returns<BrowseSecretsResult>(),
);

/**
 * Fetches whole namespaces and/or single Secrets into the vault (all namespaces when both are
 * omitted). Each namespace is committed whole or not at all. Progress comes as `sync:progress`.
 */
export const fetchSecrets = channel(
  'sync:fetch',
  z
    .object({
      clusterId,
      namespaces: z.array(k8sName).max(10_000).optional(),
      secrets: z
        .array(z.object({ namespace: k8sName, name: k8sName }).strict())
        .max(100_000)
        .optional(),
      showHidden: z.boolean().optional(),
      jobId: jobId.optional(),
    })
    .strict(),
  returns<SyncReport>(),
);

/** Syncs what was fetched before (all of the cluster's resources, or the named namespaces). */
export const syncCluster = channel(
  'sync:sync',
  z.object({ clusterId, namespaces: z.array(k8sName).max(10_000).optional(), jobId: jobId.optional() }).strict(),
  returns<SyncReport>(),
);

/** Cancels a running fetch or sync; namespaces already committed stay. `cancelled: false` if it was not running. */
export const cancelJob = channel('sync:cancel', z.object({ jobId }).strict(), returns<{ cancelled: boolean }>());

/** Removes accounts marked deleted in cluster (given ids, or all of a cluster's), with their history. */
export const purgeDeleted = channel(
  'sync:purgeDeleted',
  z
    .object({
      clusterId: clusterId.optional(),
      accountIds: z.array(z.number().int().positive()).max(100_000).optional(),
    })
    .strict()
    .refine((v) => v.clusterId !== undefined || v.accountIds !== undefined, 'give clusterId or accountIds'),
  returns<{ purged: number }>(),
);

export const scheduleGet = channel('sync:scheduleGet', z.object({ clusterId }).strict(), returns<SyncSchedule>());

/** Sets a preset or a cron expression (5 or 6 fields), or clears the schedule with `schedule: null`. */
export const scheduleSet = channel(
  'sync:scheduleSet',
  z
    .object({
      clusterId,
      schedule: z.union([
        z.object({ preset: z.enum(['hourly', 'every-6-hours', 'daily']) }).strict(),
        z.object({ cron: z.string().min(9).max(120) }).strict(),
        z.null(),
      ]),
      enabled: z.boolean().default(true),
    })
    .strict(),
  returns<SyncSchedule>(),
);

/** Progress of a running fetch or sync. Totals grow as namespaces are listed. */
export const syncProgress = event(
  'sync:progress',
  z.object({
    jobId: z.string(),
    clusterId: z.string(),
    kind: z.enum(['fetch', 'sync']),
    namespacesDone: z.number().int(),
    namespacesTotal: z.number().int(),
    secretsDone: z.number().int(),
    secretsTotal: z.number().int(),
    /** The namespace just finished, if any. */
    namespace: z.string().optional(),
  }),
);

/** A fetch or sync (manual or scheduled) ended; carries the totals, the full report was the call's answer. */
export const syncFinished = event(
  'sync:finished',
  z.object({
    jobId: z.string(),
    clusterId: z.string(),
    kind: z.enum(['fetch', 'sync']),
    trigger: z.enum(['manual', 'schedule']),
    cancelled: z.boolean(),
    totals: z.object({
      added: z.number(),
      changed: z.number(),
      deleted: z.number(),
      unchanged: z.number(),
      failed: z.number(),
    }),
  }),
);

export const syncChannels = [
  browseNamespaces,
  browseSecrets,
  fetchSecrets,
  syncCluster,
  cancelJob,
  purgeDeleted,
  scheduleGet,
  scheduleSet,
] as const;
export const syncEvents = [syncProgress, syncFinished] as const;
