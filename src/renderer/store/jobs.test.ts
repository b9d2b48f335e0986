// The renderer's jobs store: answers land on their own job (never a newer one), stale progress is ignored, jobs started elsewhere show.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import type { SyncReport } from '../../shared/ipc/sync';
import { installBridge } from '../client';
import { followJobEvents, useJobs } from './jobs';

const listeners = new Map<string, (payload: unknown) => void>();
const pending: { payload: { jobId: string }; resolve: (r: Result<unknown>) => void }[] = [];

function report(jobId: string): SyncReport {
  const totals = { added: 1, changed: 0, deleted: 0, unchanged: 0, failed: 0 };
  return {
    jobId,
    clusterId: 'c1',
    kind: 'fetch',
    trigger: 'manual',
    startedAt: 0,
    finishedAt: 1,
    cancelled: false,
    shortCircuit: false,
    via: 'list',
    namespaces: [],
    totals,
  };
}

const progress = (jobId: string, secretsDone: number) => ({
  jobId,
  clusterId: 'c1',
  kind: 'fetch' as const,
  namespacesDone: 0,
  namespacesTotal: 1,
  secretsDone,
  secretsTotal: 10,
});

beforeEach(() => {
  listeners.clear();
  pending.length = 0;
  useJobs.setState({ jobs: {}, latestByCluster: {}, interrupted: [] });
  installBridge({
    invoke: (_channel, payload) =>
      new Promise((resolve) => pending.push({ payload: payload as { jobId: string }, resolve })),
    on: (name, listener) => {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
  });
  followJobEvents();
});

describe('jobs store', () => {
  it('an older fetch answering late lands on its own job; the cluster still shows the newer one', async () => {
    const first = useJobs.getState().runSync('fetch', 'c1');
    const second = useJobs.getState().runSync('fetch', 'c1');
    const [a, b] = pending.map((p) => p.payload.jobId);
    expect(a).not.toBe(b);
    pending[1]?.resolve({ ok: true, value: report(b ?? '') });
    await second;
    pending[0]?.resolve({ ok: false, error: { code: 'unreachable', message: 'gone' } });
    await first;
    const s = useJobs.getState();
    expect(s.latestByCluster.c1).toBe(b);
    expect(s.jobs[b ?? '']).toMatchObject({ state: 'done', report: { jobId: b } });
    expect(s.jobs[a ?? '']).toMatchObject({ state: 'failed', error: { code: 'unreachable' } });
  });

  it('applies progress to known jobs only, and keeps it after the view that started the job is gone', async () => {
    void useJobs.getState().runSync('fetch', 'c1');
    const id = pending[0]?.payload.jobId ?? '';
    listeners.get('sync:progress')?.(progress('someone-else', 5));
    listeners.get('sync:progress')?.(progress(id, 3));
    const s = useJobs.getState();
    expect(s.jobs['someone-else']).toBeUndefined();
    expect(s.jobs[id]?.progress?.secretsDone).toBe(3);
  });

  it('a job started elsewhere becomes its cluster latest; an interrupted one is offered to run again', () => {
    const job = {
      id: 'sched',
      kind: 'sync',
      label: 'The sync of cluster prod',
      state: 'running' as const,
      step: 'plan',
      params: { clusterId: 'c2' },
      startedAt: 0,
      updatedAt: 0,
      finishedAt: null,
      errorCode: null,
      resumable: false,
    };
    listeners.get('jobs:updated')?.(job);
    expect(useJobs.getState().latestByCluster.c2).toBe('sched');
    listeners.get('jobs:updated')?.({ ...job, state: 'interrupted', resumable: true });
    expect(useJobs.getState().interrupted.map((j) => j.id)).toEqual(['sched']);
    listeners.get('jobs:updated')?.({ ...job, state: 'resumed', resumable: false });
    expect(useJobs.getState().interrupted).toEqual([]);
  });
});
