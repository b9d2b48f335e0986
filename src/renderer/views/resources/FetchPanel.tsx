// Browse a cluster's namespaces and Secrets, fetch what is picked, sync, cancel, schedule, and purge deleted.

import { Download, RefreshCw } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { BrowseNamespace, BrowseSecret, SyncSchedule } from '../../../shared/ipc/sync';
import { call } from '../../client';
import { TextInput } from '../../components/TextInput';
import { When } from '../../components/When';
import { isActive, useClusterJob, useJobs } from '../../store/jobs';
import { useResources } from '../../store/resources';
import { useUi } from '../../store/ui';
import { InterruptedJobs } from './InterruptedJobs';
import { SyncReportView } from './SyncReportView';

function NamespaceSecrets({
  clusterId,
  namespace,
  showHidden,
  picked,
  onPick,
}: {
  clusterId: string;
  namespace: string;
  showHidden: boolean;
  picked: Set<string>;
  onPick(name: string, on: boolean): void;
}) {
  const [secrets, setSecrets] = useState<BrowseSecret[]>();
  const notifyError = useUi((s) => s.notifyError);
  useEffect(() => {
    void call('sync:browseSecrets', { clusterId, namespace, showHidden }).then((r) =>
      r.ok ? setSecrets(r.value.secrets) : notifyError(r.error),
    );
  }, [clusterId, namespace, showHidden, notifyError]);
  if (!secrets) return <p className="muted small">Loading…</p>;
  return (
    <ul className="browse-secrets">
      {secrets.map((s) => (
        <li key={s.name}>
          <label className="check small">
            <input
              type="checkbox"
              checked={picked.has(`${namespace}/${s.name}`)}
              onChange={(e) => onPick(`${namespace}/${s.name}`, e.target.checked)}
            />
            <span className="mono">{s.name}</span>
            <span className="muted">
              {s.type} · {s.keys.length} key{s.keys.length === 1 ? '' : 's'} · {s.size} B
              {s.fetched ? ' · in the vault' : ''}
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

function Schedule({ clusterId }: { clusterId: string }) {
  const [schedule, setSchedule] = useState<SyncSchedule>();
  const [cron, setCron] = useState('');
  const { notifyError, notify } = useUi.getState();
  useEffect(() => {
    void call('sync:scheduleGet', { clusterId }).then((r) => {
      if (r.ok) {
        setSchedule(r.value);
        setCron(r.value.cron ?? '');
      }
    });
  }, [clusterId]);
  const apply = async (value: { preset: 'hourly' | 'every-6-hours' | 'daily' } | { cron: string } | null) => {
    const r = await call('sync:scheduleSet', { clusterId, schedule: value });
    if (!r.ok) return notifyError(r.error);
    setSchedule(r.value);
    setCron(r.value.cron ?? '');
    notify({ level: 'info', message: r.value.cron ? 'Sync schedule saved.' : 'Sync schedule removed.' });
  };
  return (
    <div className="row wrap schedule">
      <span>Scheduled sync:</span>
      <select
        aria-label="Schedule preset"
        value={schedule?.preset ?? (schedule?.cron ? 'custom' : 'none')}
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'none') void apply(null);
          else if (v !== 'custom') void apply({ preset: v as 'hourly' });
        }}
      >
        <option value="none">Off</option>
        <option value="hourly">Every hour</option>
        <option value="every-6-hours">Every 6 hours</option>
        <option value="daily">Daily at 03:00</option>
        <option value="custom">Custom (cron)</option>
      </select>
      <TextInput label="Cron expression" placeholder="*/30 * * * *" value={cron} onChange={setCron} />
      <button
        type="button"
        className="secondary"
        disabled={cron.trim().length < 9 || cron === schedule?.cron}
        onClick={() => void apply({ cron: cron.trim() })}
      >
        Set
      </button>
      <span className="muted small">
        {schedule?.nextRun ? (
          <>
            Next run <When at={schedule.nextRun} />
          </>
        ) : (
          'No run planned'
        )}
        {schedule?.lastOutcome ? ` · last: ${schedule.lastOutcome}` : ''} · runs only while Strongroom is open and
        unlocked
      </span>
    </div>
  );
}

export function FetchPanel({ clusterId }: { clusterId: string }) {
  const [namespaces, setNamespaces] = useState<BrowseNamespace[]>();
  const [pickedNs, setPickedNs] = useState(new Set<string>());
  const [pickedSecrets, setPickedSecrets] = useState(new Set<string>());
  const [open, setOpen] = useState<string>();
  const [showHidden, setShowHidden] = useState(false);
  // The job lives in the store, so its progress and report survive navigating away and back.
  const job = useClusterJob(clusterId);
  const running = isActive(job);
  const progress = job?.progress;
  const report = job?.report;
  const { notifyError } = useUi.getState();
  const { reload, loadResources } = useResources();

  const browse = useCallback(async () => {
    const r = await call('sync:browseNamespaces', { clusterId });
    if (r.ok) setNamespaces(r.value.namespaces);
    else notifyError(r.error);
  }, [clusterId, notifyError]);

  useEffect(() => {
    setNamespaces(undefined);
    void browse();
  }, [browse]);

  const run = async (kind: 'fetch' | 'sync') => {
    const secrets = [...pickedSecrets].map((s) => {
      const [namespace = '', name = ''] = s.split('/');
      return { namespace, name };
    });
    const picked = pickedNs.size > 0 || secrets.length > 0 ? { namespaces: [...pickedNs], secrets } : {};
    const done = await useJobs.getState().runSync(kind, clusterId, kind === 'fetch' ? { showHidden, ...picked } : {});
    if (done.error) return notifyError(done.error);
    setPickedNs(new Set());
    setPickedSecrets(new Set());
    await Promise.all([reload(), loadResources(), browse()]);
  };

  const picked = pickedNs.size + pickedSecrets.size;
  return (
    <section className="card fetch-panel" aria-label="Fetch and sync">
      <div className="row wrap">
        <button type="button" className="primary" disabled={running} onClick={() => void run('fetch')}>
          <Download size={14} aria-hidden="true" />
          {picked > 0 ? `Fetch ${picked} selected` : 'Fetch all namespaces'}
        </button>
        <button type="button" className="secondary" disabled={running} onClick={() => void run('sync')}>
          <RefreshCw size={14} aria-hidden="true" /> Sync now
        </button>
        <label className="check small">
          <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} /> Show Helm
          releases and service-account tokens
        </label>
        <span className="spacer" />
        <button
          type="button"
          className="secondary"
          onClick={async () => {
            const r = await call('sync:purgeDeleted', { clusterId });
            if (!r.ok) return notifyError(r.error);
            useUi
              .getState()
              .notify({ level: 'info', message: `Purged ${r.value.purged} account(s) deleted in the cluster.` });
            await Promise.all([reload(), loadResources()]);
          }}
        >
          Purge deleted
        </button>
      </div>
      {job && running && (
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
      )}
      {report && !running && <SyncReportView report={report} />}
      <InterruptedJobs clusterId={clusterId} />
      <Schedule clusterId={clusterId} />
      <details>
        <summary>Browse namespaces {namespaces ? `(${namespaces.length})` : ''}</summary>
        {!namespaces ? (
          <p className="muted">Loading…</p>
        ) : (
          <ul className="browse">
            {namespaces.map((ns) => (
              <li key={ns.namespace}>
                <div className="row">
                  <label className="check small">
                    <input
                      type="checkbox"
                      aria-label={`Pick namespace ${ns.namespace}`}
                      checked={pickedNs.has(ns.namespace)}
                      onChange={(e) => {
                        const next = new Set(pickedNs);
                        if (e.target.checked) next.add(ns.namespace);
                        else next.delete(ns.namespace);
                        setPickedNs(next);
                      }}
                    />
                    <strong>{ns.namespace}</strong>
                  </label>
                  <span className="muted small">
                    {ns.secrets} Secret{ns.secrets === 1 ? '' : 's'}
                    {ns.hidden > 0 ? ` (+${ns.hidden} hidden)` : ''}
                    {ns.lastSynced ? (
                      <>
                        {' · synced '}
                        <When at={ns.lastSynced} />
                      </>
                    ) : (
                      ''
                    )}
                    {ns.error ? ` · ${ns.error.message}` : ''}
                  </span>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setOpen(open === ns.namespace ? undefined : ns.namespace)}
                  >
                    {open === ns.namespace ? 'Hide Secrets' : 'Pick Secrets'}
                  </button>
                </div>
                {open === ns.namespace && (
                  <NamespaceSecrets
                    clusterId={clusterId}
                    namespace={ns.namespace}
                    showHidden={showHidden}
                    picked={pickedSecrets}
                    onPick={(name, on) => {
                      const next = new Set(pickedSecrets);
                      if (on) next.add(name);
                      else next.delete(name);
                      setPickedSecrets(next);
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
