// Channels of the rotation journal (list, resume, roll back), password policies and rotation schedules.
import { z } from 'zod';
import { channel, returns } from './contract';
import type { RotationResultData } from './mapping';

/** Where a rotation stands. `interrupted`: its process died mid-way (resume or roll back it). */
export const ROTATION_STATES = ['in_progress', 'interrupted', 'failed', 'completed', 'rolled_back'] as const;
export type RotationState = (typeof ROTATION_STATES)[number];

/** One rotation as the journal lists it: never a password. */
export interface RotationSummary {
  id: string;
  resource: string;
  account: string;
  state: RotationState;
  /** The last step started: generate, change, verify, write, restart, or restore (roll back). */
  step: string | null;
  restart: boolean;
  errorCode: string | null;
  /** The job that ran it last. */
  jobId: string;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** Whether `rotation:resume` may run it now. */
  resumable: boolean;
  /** Whether `rotation:rollback` may run it now (the old password is still kept). */
  rollbackable: boolean;
}

/** A character class a generated password draws from. */
export const CHAR_CLASSES = ['lower', 'upper', 'digit', 'symbol'] as const;

/** How new passwords of a resource's accounts are made. */
export interface PasswordPolicyData {
  length: number;
  classes: (typeof CHAR_CLASSES)[number][];
  /** Characters never used. */
  excluded: string;
}

/** When an account is rotated by itself (only while the app is open and the vault unlocked). */
export interface RotationScheduleData {
  cron: string;
  enabled: boolean;
  restart: boolean;
  nextRun: number | null;
  lastRun: number | null;
  lastOutcome: string | null;
}

/** A rotatable account with its resource's policy, its schedule and how many keys hold its password. */
export interface RotationAccountSummary {
  resource: string;
  account: string;
  type: string;
  policy: PasswordPolicyData;
  schedule: RotationScheduleData | null;
  mappedKeys: number;
  rotatedAt: number | null;
}

const name = z.string().trim().min(1).max(253);
const rotationId = z.object({ id: z.string().min(1).max(100) }).strict();

const policyInput = z
  .object({
    length: z.number().int().min(12).max(256),
    classes: z.array(z.enum(CHAR_CLASSES)).min(1).max(4),
    excluded: z.string().max(200),
  })
  .strict();

/** The rotation journal, newest first. */
export const rotationList = channel(
  'rotation:list',
  z.object({ account: z.object({ resource: name, account: name }).strict().optional() }).strict(),
  returns<RotationSummary[]>(),
);

/** Continues an interrupted or failed rotation from its journal. */
export const rotationResume = channel('rotation:resume', rotationId, returns<RotationResultData>());

/** Restores the old password at the target and in every mapped key, then restarts consumers unless `restart: false`. */
export const rotationRollback = channel(
  'rotation:rollback',
  z.object({ id: z.string().min(1).max(100), restart: z.boolean() }).strict(),
  returns<RotationResultData>(),
);

/** Every rotatable account with its policy and schedule (the Rotation view's table). */
export const rotationAccounts = channel(
  'rotation:accounts',
  z.object({}).strict(),
  returns<RotationAccountSummary[]>(),
);

/** A resource's password policy. */
export const rotationPolicy = channel(
  'rotation:policy',
  z.object({ resource: name }).strict(),
  returns<PasswordPolicyData>(),
);

/** Changes a resource's password policy; fields left out keep their value. */
export const rotationSetPolicy = channel(
  'rotation:setPolicy',
  z.object({ resource: name, policy: policyInput.partial() }).strict(),
  returns<PasswordPolicyData>(),
);

/** Sets (or with `cron: null` removes) an account's rotation schedule. */
export const rotationSetSchedule = channel(
  'rotation:setSchedule',
  z
    .object({
      resource: name,
      account: name,
      cron: z.string().trim().min(1).max(200).nullable(),
      enabled: z.boolean(),
      restart: z.boolean(),
    })
    .strict(),
  returns<RotationScheduleData | null>(),
);

export const rotationJournalChannels = [
  rotationList,
  rotationResume,
  rotationRollback,
  rotationAccounts,
  rotationPolicy,
  rotationSetPolicy,
  rotationSetSchedule,
] as const;
