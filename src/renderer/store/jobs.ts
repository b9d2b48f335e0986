// Jobs in the renderer (fetch, sync, later rotation and sessions): progress, reports and the "run again" list, kept across views.
import { create } from 'zustand';
import type { ErrorData } from '../../shared/errors';
import type { EventPayload } from '../../shared/ipc';
import type { JobState, JobSummary } from '../../shared/ipc/jobs';
import type { SyncReport } from '../../shared/ipc/sync';
import { call, subscribe } from '../client';

export interface JobProgress {
  namespacesDone: number;
  namespacesTotal: number;
  secretsDone: number;
  secretsTotal: number;
}

/** One job as a view shows it. */
export interface JobView {
  id: string;
  kind: string;
  /** The cluster a fetch or sync works on. */
  clusterId?: string;
  state: JobState;
  step: string | null;
  progress?: JobProgress;
  report?: SyncReport;
  /** A fetch or sync's totals from its `sync:finished` event: all a job started elsewhere reports here. */
  totals?: SyncReport['totals'];
  error?: ErrorData;
}

export type FetchInput = {
  namespaces?: string[];
  secrets?: { namespace: string; name: string }[];
  showHidden?: boolean;
};

interface JobsStore {
  jobs: Record<string, JobView>;
  /** The latest job started for each cluster: a view shows this one, so older answers never replace it. */
  latestByCluster: Record<string, string>;
  /** Interrupted or paused jobs, offered "run again". */
  interrupted: JobSummary[];
  /** Runs a fetch or sync as the cluster's latest job; answers how it ended. */
  runSync(kind: 'fetch' | 'sync', clusterId: string, input?: FetchInput): Promise<JobView>;
  cancel(jobId: string): Promise<void>;
  loadInterrupted(): Promise<void>;
  resume(jobId: string): Promise<ErrorData | undefined>;
  dismiss(jobId: string): Promise<void>;
  applyUpdate(job: EventPayload<'jobs:updated'>): void;
  applyProgress(p: EventPayload<'sync:progress'>): void;
  applyFinished(f: EventPayload<'sync:finished'>): void;
}

const ACTIVE: readonly JobState[] = ['running', 'pausing'];

export const isActive = (job: JobView | undefined): boolean => job !== undefined && ACTIVE.includes(job.state);

export const useJobs = create<JobsStore>((set, get) => {
  const patch = (id: string, change: Partial<JobView>) =>
    set((s) => {
      const job = s.jobs[id];
      return job ? { jobs: { ...s.jobs, [id]: { ...job, ...change } } } : {};
    });
  return {
    jobs: {},
    latestByCluster: {},
    interrupted: [],
    async runSync(kind, clusterId, input = {}) {
      const jobId = crypto.randomUUID();
      set((s) => ({
        jobs: { ...s.jobs, [jobId]: { id: jobId, kind, clusterId, state: 'running', step: null } },
        latestByCluster: { ...s.latestByCluster, [clusterId]: jobId },
      }));
      const result =
        kind === 'sync'
          ? await call('sync:sync', { clusterId, jobId })
          : await call('sync:fetch', { clusterId, jobId, ...input });
      // The answer lands on its own job, whatever the view shows now: a stale answer replaces nothing.
      if (!result.ok)
        patch(jobId, { state: result.error.code === 'cancelled' ? 'cancelled' : 'failed', error: result.error });
      else patch(jobId, { state: result.value.cancelled ? 'cancelled' : 'done', report: result.value });
      return get().jobs[jobId] as JobView;
    },
    async cancel(jobId) {
      await call('jobs:cancel', { jobId });
    },
    async loadInterrupted() {
      const [interrupted, paused] = await Promise.all([
        call('jobs:list', { state: 'interrupted' }),
        call('jobs:list', { state: 'paused' }),
      ]);
      if (interrupted.ok && paused.ok) set({ interrupted: [...interrupted.value, ...paused.value] });
    },
    async resume(jobId) {
      const result = await call('jobs:resume', { jobId });
      await get().loadInterrupted();
      return result.ok ? undefined : result.error;
    },
    async dismiss(jobId) {
      await call('jobs:dismiss', { jobId });
      await get().loadInterrupted();
    },
    applyUpdate(job) {
      const clusterId = typeof job.params.clusterId === 'string' ? job.params.clusterId : undefined;
      set((s) => {
        const known = s.jobs[job.id];
        const view: JobView = {
          ...known,
          id: job.id,
          kind: job.kind,
          state: job.state,
          step: job.step,
          ...(clusterId ? { clusterId } : {}),
        };
        const latest = { ...s.latestByCluster };
        // A job started elsewhere (a schedule, "run again", another window) becomes the cluster's latest.
        if (!known && clusterId && ACTIVE.includes(job.state)) latest[clusterId] = job.id;
        const interrupted = s.interrupted.filter((j) => j.id !== job.id);
        if (job.resumable) interrupted.unshift(job as JobSummary);
        return { jobs: { ...s.jobs, [job.id]: view }, latestByCluster: latest, interrupted };
      });
    },
    applyFinished(f) {
      patch(f.jobId, { totals: f.totals });
    },
    applyProgress(p) {
      // Only jobs this store knows: progress of an unknown or forgotten id is stale.
      patch(p.jobId, {
        progress: {
          namespacesDone: p.namespacesDone,
          namespacesTotal: p.namespacesTotal,
          secretsDone: p.secretsDone,
          secretsTotal: p.secretsTotal,
        },
      });
    },
  };
});

/** The job a view of this cluster shows: the latest one started for it. */
export function useClusterJob(clusterId: string): JobView | undefined {
  return useJobs((s) => {
    const id = s.latestByCluster[clusterId];
    return id ? s.jobs[id] : undefined;
  });
}

/** Follows main's job events for the whole session, whichever view is open. */
export function followJobEvents(): () => void {
  const offs = [
    subscribe('jobs:updated', (job) => useJobs.getState().applyUpdate(job)),
    subscribe('sync:progress', (p) => useJobs.getState().applyProgress(p)),
    subscribe('sync:finished', (f) => useJobs.getState().applyFinished(f)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
