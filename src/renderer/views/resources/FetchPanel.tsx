// The collapsible fetch panel: browse a cluster's namespaces and Secrets to pick, schedule, purge deleted.

import { useCallback, useEffect, useState } from 'react';
import type { BrowseNamespace, BrowseSecret } from '../../../shared/ipc/sync';
import { call } from '../../client';
import { When } from '../../components/When';
import { useClusterJob } from '../../store/jobs';
import { useResources } from '../../store/resources';
import { useUi } from '../../store/ui';
import type { FetchSelection } from './FetchActions';
import { SchedulePanel } from './SchedulePanel';

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

/**
 * The fetch and schedule panel under the toolbar: hidden kinds, purge, the schedule,
 * and namespaces and Secrets to pick for the toolbar's Fetch button.
 */
export function FetchPanel({
  clusterId,
  selection,
  onSelection,
}: {
  clusterId: string;
  selection: FetchSelection;
  onSelection(patch: Partial<FetchSelection>): void;
}) {
  const [namespaces, setNamespaces] = useState<BrowseNamespace[]>();
  const [open, setOpen] = useState<string>();
  const { notifyError } = useUi.getState();
  const { reload, loadResources } = useResources();
  // The counts and "synced" times change when a job of this cluster ends, wherever it was started.
  const jobState = useClusterJob(clusterId)?.state;

  const browse = useCallback(async () => {
    const r = await call('sync:browseNamespaces', { clusterId });
    if (r.ok) setNamespaces(r.value.namespaces);
    else notifyError(r.error);
  }, [clusterId, notifyError]);

  useEffect(() => {
    if (jobState === 'running') return;
    void browse();
  }, [browse, jobState]);

  const { namespaces: pickedNs, secrets: pickedSecrets, showHidden } = selection;
  const toggle = (set: Set<string>, item: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(item);
    else next.delete(item);
    return next;
  };
  return (
    <section className="card fetch-panel" aria-label="Fetch and sync options" id="fetch-panel">
      <div className="row wrap">
        <label className="check small">
          <input type="checkbox" checked={showHidden} onChange={(e) => onSelection({ showHidden: e.target.checked })} />{' '}
          Show Helm releases and service-account tokens
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
      <SchedulePanel clusterId={clusterId} />
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
                      onChange={(e) => onSelection({ namespaces: toggle(pickedNs, ns.namespace, e.target.checked) })}
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
                    onPick={(name, on) => onSelection({ secrets: toggle(pickedSecrets, name, on) })}
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
