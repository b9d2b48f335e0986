// The Clusters view: saved clusters with their status, the add/edit wizard, kubeconfig import, re-test and delete.
import { Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ClusterSummary } from '../../../shared/clusters';
import { gatewayLabel } from '../../../shared/gateway-address';
import { call } from '../../client';
import { StatusIcon } from '../../components/StatusIcon';
import { useGridNavigation } from '../../components/useGridNavigation';
import { When } from '../../components/When';
import { useAppInfo } from '../../store/app-info';
import { useClusters } from '../../store/clusters';
import { useIntents } from '../../store/intents';
import { useUi } from '../../store/ui';
import { ClusterWizard, type WizardDraft } from './ClusterWizard';
import { KubeconfigImport } from './KubeconfigImport';

type Mode =
  | { kind: 'list' }
  | { kind: 'add'; initial?: WizardDraft }
  | { kind: 'edit'; cluster: ClusterSummary }
  | { kind: 'import' };

function DeleteDialog({ cluster, onClose }: { cluster: ClusterSummary; onClose(): void }) {
  const [resources, setResources] = useState<'keep' | 'remove'>('keep');
  const refresh = useClusters((s) => s.refresh);
  const { notify, notifyError } = useUi.getState();
  return (
    <div className="card danger-zone" role="dialog" aria-label={`Delete ${cluster.name}`}>
      <h2>Delete {cluster.name}?</h2>
      <p>The cluster record and its token are removed from the vault. What about the Secrets fetched from it?</p>
      <label className="check">
        <input type="radio" name="resources" checked={resources === 'keep'} onChange={() => setResources('keep')} />
        Keep them under Resources (they stay reviewable and exportable, but no longer sync)
      </label>
      <label className="check">
        <input type="radio" name="resources" checked={resources === 'remove'} onChange={() => setResources('remove')} />
        Remove them from the vault as well
      </label>
      <div className="row">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={async () => {
            const result = await call('clusters:delete', { id: cluster.id, resources });
            if (!result.ok) return notifyError(result.error);
            notify({ level: 'info', message: result.value.message });
            await refresh();
            onClose();
          }}
        >
          Delete cluster
        </button>
      </div>
    </div>
  );
}

function ClusterRow({
  cluster,
  onEdit,
  onDelete,
  rowProps,
}: {
  cluster: ClusterSummary;
  onEdit(): void;
  onDelete(): void;
  rowProps: ReturnType<ReturnType<typeof useGridNavigation>['rowProps']>;
}) {
  const refresh = useClusters((s) => s.refresh);
  const [testing, setTesting] = useState(false);
  const { notify, notifyError } = useUi.getState();
  const last = cluster.lastTest;
  return (
    <tr {...rowProps}>
      <td>
        <strong>{cluster.name}</strong>
        <div className="muted small mono">{cluster.server}</div>
        {cluster.options.gateway && <div className="muted small">via {gatewayLabel(cluster.options.gateway)}</div>}
      </td>
      <td>
        {last ? (
          <span className={last.ok ? 'status ok' : 'status failed'}>
            <StatusIcon level={last.ok ? 'ok' : 'error'} /> {last.ok ? 'Connected' : 'Test failed'} ·{' '}
            <When at={last.at} />
          </span>
        ) : (
          <span className="muted">Not tested</span>
        )}
      </td>
      <td>{last?.serverVersion ?? '—'}</td>
      <td>{(cluster.fetchedSecrets ?? 0).toLocaleString()}</td>
      <td>{cluster.options.variant}</td>
      <td>
        <div className="row-actions">
          <button
            type="button"
            className="secondary"
            disabled={testing}
            onClick={async () => {
              setTesting(true);
              const result = await call('clusters:test', { id: cluster.id });
              setTesting(false);
              await refresh();
              if (!result.ok) return notifyError(result.error);
              const failed = result.value.steps.find((s) => s.status === 'fail');
              if (failed)
                notifyError({
                  code: 'unreachable',
                  message: failed.detail,
                  ...(failed.fix ? { fix: failed.fix } : {}),
                });
              else notify({ level: 'info', message: `${cluster.name}: all three checks passed.` });
            }}
          >
            {testing ? 'Testing…' : 'Test'}
          </button>
          <button type="button" className="secondary" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="secondary" onClick={onDelete}>
            <Trash2 size={14} aria-hidden="true" /> Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

export function ClustersView() {
  const { clusters, loaded, refresh } = useClusters();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [deleting, setDeleting] = useState<ClusterSummary>();
  const info = useAppInfo();
  const { notify, notifyError } = useUi.getState();
  // Enter on a cluster's row edits it; its Test, Edit and Delete buttons are reached with the Right arrow.
  const nav = useGridNavigation({
    count: clusters.length,
    onOpen: (index) => {
      const cluster = clusters[index];
      if (cluster) setMode({ kind: 'edit', cluster });
    },
  });

  useEffect(() => {
    void refresh();
    // The palette's "New cluster…" opens the wizard.
    if (useIntents.getState().take('newCluster')) setMode({ kind: 'add' });
  }, [refresh]);

  const demoOffered = info?.demo.available && !clusters.some((c) => c.server === info.demo.server);

  return (
    <div className="view wide">
      <header className="view-header">
        <h1>Clusters</h1>
        <p className="muted">Kubernetes API servers Strongroom signs in to with a ServiceAccount token.</p>
      </header>
      {mode.kind === 'list' && (
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => setMode({ kind: 'add' })}>
            Add cluster
          </button>
          <button type="button" className="secondary" onClick={() => setMode({ kind: 'import' })}>
            Import from kubeconfig
          </button>
          {demoOffered && (
            <button
              type="button"
              className="secondary"
              onClick={async () => {
                const result = await call('app:connectDemo', {});
                if (!result.ok) return notifyError(result.error);
                notify({ level: 'info', message: `Connected the demo cluster as "${result.value.name}".` });
                await refresh();
              }}
            >
              Connect the demo cluster
            </button>
          )}
        </div>
      )}
      {mode.kind === 'add' && (
        <ClusterWizard {...(mode.initial ? { initial: mode.initial } : {})} onDone={() => setMode({ kind: 'list' })} />
      )}
      {mode.kind === 'edit' && <ClusterWizard editing={mode.cluster} onDone={() => setMode({ kind: 'list' })} />}
      {mode.kind === 'import' && (
        <KubeconfigImport
          onCancel={() => setMode({ kind: 'list' })}
          onDraft={(draft, warnings) => {
            for (const warning of warnings) notify({ level: 'warning', message: warning });
            setMode({ kind: 'add', initial: draft });
          }}
        />
      )}
      {deleting && <DeleteDialog cluster={deleting} onClose={() => setDeleting(undefined)} />}
      {mode.kind === 'list' &&
        (clusters.length === 0 ? (
          loaded && (
            <div className="empty-state">
              <p>No cluster yet.</p>
              <p className="muted">
                Add one with its API URL, its CA and a ServiceAccount token (the wizard generates the YAML that creates
                the account)
                {demoOffered ? ', or connect the demo cluster to look around first.' : '.'}
              </p>
            </div>
          )
        ) : (
          <table
            className="simple clusters"
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid, the pattern for keyboard rows
            role="grid"
            {...nav.gridProps}
            aria-label="Clusters"
          >
            <thead>
              <tr>
                <th>Cluster</th>
                <th>Status</th>
                <th>Version</th>
                <th>Secrets</th>
                <th>Access</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {clusters.map((cluster, index) => (
                <ClusterRow
                  key={cluster.id}
                  rowProps={nav.rowProps(index)}
                  cluster={cluster}
                  onEdit={() => setMode({ kind: 'edit', cluster })}
                  onDelete={() => setDeleting(cluster)}
                />
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
