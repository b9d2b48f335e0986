// The Resources toolbar's Fetch and Sync buttons, what they will fetch, and the running job's progress or result.
import { Download, RefreshCw } from 'lucide-react';
import { useCallback, useState } from 'react';
import { call } from '../../client';
import { isActive, useClusterJob, useJobs } from '../../store/jobs';
import { useResources } from '../../store/resources';
import { useUi } from '../../store/ui';
import { SyncReportView } from './SyncReportView';

/** What the next fetch takes: picked namespaces and Secrets (`namespace/name`); none picked means all. */
export interface FetchSelection {
  namespaces: Set<string>;
  secrets: Set<string>;
  showHidden: boolean;
}

const NOTHING_PICKED: FetchSelection = { namespaces: new Set(), secrets: new Set(), showHidden: false };

/** The selection, kept by the view so that the toolbar's button and the collapsible panel share it. */
export function useFetchSelection() {
  const [selection, setSelection] = useState<FetchSelection>(NOTHING_PICKED);
  const update = useCallback((patch: Partial<FetchSelection>) => setSelection((s) => ({ ...s, ...patch })), []);
  const clearPicks = useCallback(() => setSelection((s) => ({ ...s, namespaces: new Set(), secrets: new Set() })), []);
  return { selection, update, clearPicks };
}

export function FetchButtons({
  clusterId,
  selection,
  onDone,
}: {
  clusterId: string;
  selection: FetchSelection;
  onDone(): void;
}) {
  const running = isActive(useClusterJob(clusterId));
  const { reload, loadResources } = useResources();

  const run = async (kind: 'fetch' | 'sync') => {
    const secrets = [...selection.secrets].map((s) => {
      const [namespace = '', name = ''] = s.split('/');
      return { namespace, name };
    });
    const picked =
      selection.namespaces.size > 0 || secrets.length > 0 ? { namespaces: [...selection.namespaces], secrets } : {};
    const input = kind === 'fetch' ? { showHidden: selection.showHidden, ...picked } : {};
    const done = await useJobs.getState().runSync(kind, clusterId, input);
    if (done.error) return useUi.getState().notifyError(done.error);
    onDone();
    await Promise.all([reload(), loadResources()]);
  };

  const picked = selection.namespaces.size + selection.secrets.size;
  return (
    <>
      <button type="button" className="primary" disabled={running} onClick={() => void run('fetch')}>
        <Download size={14} aria-hidden="true" />
        {picked > 0 ? `Fetch ${picked} selected` : 'Fetch all namespaces'}
      </button>
      <button type="button" className="secondary" disabled={running} onClick={() => void run('sync')}>
        <RefreshCw size={14} aria-hidden="true" /> Sync now
      </button>
    </>
  );
}

/** The cluster's latest fetch or sync, wherever it was started (a click, a schedule, the demo's first run). */
export function FetchStatus({ clusterId }: { clusterId: string }) {
  const job = useClusterJob(clusterId);
  if (!job) return null;
  const progress = job.progress;
  if (isActive(job)) {
    return (
      <div className="progress-row" role="status" aria-label="Progress">
        <progress max={progress?.secretsTotal || 1} value={progress?.secretsDone ?? 0} />
        <span className="small">
          {progress
            ? `${progress.namespacesDone}/${progress.namespacesTotal} namespaces, ${progress.secretsDone}/${progress.secretsTotal} Secrets`
            : 'Listing…'}
        </span>
        <button type="button" className="secondary" onClick={() => void call('sync:cancel', { jobId: job.id })}>
          Cancel
        </button>
      </div>
    );
  }
  if (job.report) return <SyncReportView report={job.report} />;
  const t = job.totals;
  if (!t) return null;
  return (
    <p className={t.failed > 0 ? 'hint-warning' : 'ok-note'} role="status" data-testid="sync-report">
      {job.kind === 'fetch' ? 'Fetch' : 'Sync'} {job.state === 'cancelled' ? 'cancelled' : 'finished'}: {t.added} added,{' '}
      {t.changed} changed, {t.deleted} deleted, {t.unchanged} unchanged, {t.failed} failed.
    </p>
  );
}
