// Building the per-namespace and total report of a fetch or sync.
import type { NamespaceReport, SyncReport } from '../../shared/ipc/sync';

export interface Counts {
  added: number;
  changed: number;
  deleted: number;
  unchanged: number;
}

export function zero(): Counts {
  return { added: 0, changed: 0, deleted: 0, unchanged: 0 };
}

export function nsReport(
  namespace: string,
  resourceId: number | null,
  outcome: NamespaceReport['outcome'],
  c: Counts,
): NamespaceReport {
  return { namespace, resourceId, outcome, ...c, failed: 0 };
}

export function summarize(
  ctx: {
    jobId: string;
    kind: 'fetch' | 'sync';
    trigger: 'manual' | 'schedule';
    cluster: { id: string };
    signal: AbortSignal;
  },
  startedAt: number,
  finishedAt: number,
  namespaces: NamespaceReport[],
): SyncReport {
  const totals = { added: 0, changed: 0, deleted: 0, unchanged: 0, failed: 0 };
  for (const r of namespaces) {
    totals.added += r.added;
    totals.changed += r.changed;
    totals.deleted += r.deleted;
    totals.unchanged += r.unchanged;
    totals.failed += r.failed;
  }
  return {
    jobId: ctx.jobId,
    clusterId: ctx.cluster.id,
    kind: ctx.kind,
    trigger: ctx.trigger,
    startedAt,
    finishedAt,
    cancelled: ctx.signal.aborted || namespaces.some((r) => r.outcome === 'cancelled'),
    shortCircuit: false,
    via: 'list',
    namespaces,
    totals,
  };
}
