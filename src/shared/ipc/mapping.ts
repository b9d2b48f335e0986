// Channels of rotation targets (PostgreSQL servers and their accounts) and of Secret key → account mappings.
import { z } from 'zod';
import { channel, returns } from './contract';

/** A rotatable resource as listed: never its admin password. */
export interface TargetResourceSummary {
  id: number;
  name: string;
  /** `PostgreSQL` for now. */
  type: string;
  host: string;
  port: number;
  database: string | null;
  tlsMode: 'disable' | 'require' | 'verify-full';
  adminUser: string;
}

/** A database account of a rotatable resource: never its password. */
export interface TargetAccountSummary {
  id: number;
  resource: string;
  name: string;
  rotatedAt: number | null;
}

/** One Secret key mapped to one account, with where the Secret lives. */
export interface MappingSummary {
  id: number;
  /** The Kubernetes resource (namespace in a cluster) holding the Secret. */
  kubeResource: string;
  clusterId: string | null;
  namespace: string | null;
  secret: string;
  key: string;
  resource: string;
  account: string;
  /** How the key's value is built, e.g. `postgres://{user}:{password}@db/app`; null: the bare password. */
  template: string | null;
}

const name = z.string().trim().min(1).max(253);
const secretRef = z.object({ kubeResource: name, secret: name, key: z.string().min(1).max(253) }).strict();
const accountRef = z.object({ resource: name, account: name }).strict();

/** Saves a PostgreSQL server and the admin account that changes other accounts' passwords. */
export const targetsAddPostgres = channel(
  'targets:addPostgres',
  z
    .object({
      name,
      host: name,
      port: z.number().int().min(1).max(65535),
      database: name.optional(),
      tlsMode: z.enum(['disable', 'require', 'verify-full']),
      caPem: z.string().max(1_048_576).optional(),
      adminUser: name,
      adminPassword: z.string().min(1).max(1024),
    })
    .strict(),
  returns<TargetResourceSummary>(),
);

/** Saves a database account of a rotatable resource with its current password. */
export const targetsAddAccount = channel(
  'targets:addAccount',
  z.object({ resource: name, account: name, password: z.string().min(1).max(1024) }).strict(),
  returns<TargetAccountSummary>(),
);

/** Maps one Secret key to one account (Associate Secrets). */
export const mappingAdd = channel(
  'mapping:add',
  z.object({ from: secretRef, to: accountRef, template: z.string().min(1).max(2048).optional() }).strict(),
  returns<MappingSummary>(),
);

/** Removes the mapping of one Secret key. */
export const mappingRemove = channel(
  'mapping:remove',
  z.object({ from: secretRef }).strict(),
  returns<MappingSummary>(),
);

/** Mapped Resource Details, either way: by Kubernetes or rotatable resource name, or by account. */
export const mappingList = channel(
  'mapping:list',
  z.object({ resource: name.optional(), account: accountRef.optional() }).strict(),
  returns<MappingSummary[]>(),
);

export const mappingChannels = [targetsAddPostgres, targetsAddAccount, mappingAdd, mappingRemove, mappingList] as const;

/** One workload a rotation restarts (or skips: the agent sidecar refreshes by itself). */
export interface RotationConsumer {
  clusterId: string;
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  namespace: string;
  name: string;
  uses: string[];
  agentSidecar: boolean;
}

/** What a rotation writes and restarts; `rotation:plan` answers it and changes nothing (the impact preview). */
export interface RotationPlanData {
  resource: string;
  account: string;
  keys: { clusterId: string; namespace: string; secret: string; key: string }[];
  consumers: RotationConsumer[];
}

/** A finished rotation: each Secret written and each workload restarted. Never a value. */
export interface RotationResultData extends RotationPlanData {
  /** The rotation's id in the journal (`strongroom rotation list`). */
  rotationId: string;
  /** The job that ran this call (a resume or roll back runs a job of its own). */
  jobId: string;
  writes: {
    clusterId: string;
    namespace: string;
    secret: string;
    keys: string[];
    outcome: string;
    error?: { code: string; message: string };
    currentResourceVersion?: string;
  }[];
  restarts: { kind: string; namespace: string; name: string; outcome: 'complete' | 'timeout' | 'skipped' }[];
}

/** The impact preview of rotating one account. */
export const rotationPlan = channel('rotation:plan', accountRef, returns<RotationPlanData>());

/** Rotates one account now: generate, change, verify, write back, restart (unless `restart: false`). */
export const rotationRotate = channel(
  'rotation:rotate',
  z.object({ resource: name, account: name, restart: z.boolean() }).strict(),
  returns<RotationResultData>(),
);

export const rotationChannels = [rotationPlan, rotationRotate] as const;
