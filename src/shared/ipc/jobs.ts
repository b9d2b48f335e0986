// Channels and events of long-running jobs (fetch, sync, later rotation and sessions): list, cancel, run again, dismiss.
import { z } from 'zod';
import { channel, event, returns } from './contract';

export const JOB_STATES = [
  'running',
  'pausing',
  'paused',
  'done',
  'failed',
  'cancelled',
  'interrupted',
  'resumed',
  'dismissed',
] as const;

/**
 * Where a job is. `pausing`: asked to stop at its next safe step; `paused`: stopped there (a lock
 * asked for it); `interrupted`: its process ended mid-job (crash, kill, power loss); `resumed`: an
 * interrupted or paused job that was run again under a new id.
 */
export type JobState = (typeof JOB_STATES)[number];

/** Non-secret parameters of a job, as journalled: ids, namespace names, flags. Never a value. */
export type JobParams = Record<string, unknown>;

/** One job as the journal in the vault holds it. */
export interface JobSummary {
  id: string;
  /** `fetch`, `sync`, … : the job kind, which decides how it is run again. */
  kind: string;
  /** What the user sees, e.g. "fetch of cluster prod". */
  label: string;
  state: JobState;
  /** The step running now, or the last one that ran. */
  step: string | null;
  params: JobParams;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** The error code when the job failed. */
  errorCode: string | null;
  /** True when it is interrupted or paused and its kind can run it again. */
  resumable: boolean;
}

const jobId = z.string().min(1).max(100);

/** Jobs of the journal, newest first; `state: 'interrupted'` gives what a crash or kill cut off. */
export const jobsList = channel(
  'jobs:list',
  z.object({ state: z.enum(JOB_STATES).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  returns<JobSummary[]>(),
);

/** Cancels a running job at once (it stops where it can; work already committed stays). */
export const jobsCancel = channel('jobs:cancel', z.object({ jobId }).strict(), returns<{ cancelled: boolean }>());

/** Runs an interrupted or paused job again, as a new job; answers the new job's id. */
export const jobsResume = channel('jobs:resume', z.object({ jobId }).strict(), returns<{ jobId: string }>());

/** Hides an interrupted or paused job from the "run again" list. */
export const jobsDismiss = channel('jobs:dismiss', z.object({ jobId }).strict(), returns<JobSummary>());

/** A job started, moved to another step, paused or ended. */
export const jobsUpdated = event(
  'jobs:updated',
  z.object({
    id: z.string(),
    kind: z.string(),
    label: z.string(),
    state: z.enum(JOB_STATES),
    step: z.string().nullable(),
    params: z.record(z.string(), z.unknown()),
    startedAt: z.number(),
    updatedAt: z.number(),
    finishedAt: z.number().nullable(),
    errorCode: z.string().nullable(),
    resumable: z.boolean(),
  }),
);

export const jobsChannels = [jobsList, jobsCancel, jobsResume, jobsDismiss] as const;
export const jobsEvents = [jobsUpdated] as const;
