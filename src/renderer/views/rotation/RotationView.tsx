// The Rotation view: rotatable accounts with policy and schedule, Rotate now after an impact preview, and the journal with Resume and Roll back.
import { useCallback, useEffect, useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { RotationResultData } from '../../../shared/ipc/mapping';
import type { RotationAccountSummary, RotationSummary } from '../../../shared/ipc/rotation';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { useGridNavigation } from '../../components/useGridNavigation';
import { When } from '../../components/When';
import { useUi } from '../../store/ui';
import { AccountSettings } from './AccountSettings';
import { ImpactPreview } from './ImpactPreview';
import { RotationJournal } from './RotationJournal';

type Panel = { kind: 'rotate' | 'settings'; resource: string; account: string };

function scheduleText(a: RotationAccountSummary): string {
  if (!a.schedule) return 'none';
  if (!a.schedule.enabled) return `${a.schedule.cron} (disabled)`;
  return a.schedule.cron;
}

export function RotationView() {
  const [accounts, setAccounts] = useState<RotationAccountSummary[]>();
  const [rotations, setRotations] = useState<RotationSummary[]>([]);
  const [panel, setPanel] = useState<Panel>();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const { go, notify } = useUi.getState();

  const refresh = useCallback(async () => {
    const [a, r] = await Promise.all([call('rotation:accounts', {}), call('rotation:list', {})]);
    if (a.ok) setAccounts(a.value);
    if (r.ok) setRotations(r.value);
    if (!a.ok) setError(a.error);
    else if (!r.ok) setError(r.error);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const finished = (verb: string) => (result: RotationResultData | undefined) => {
    if (result) notify({ level: 'info', message: `${verb} ${result.resource}/${result.account}.` });
    void refresh();
  };

  const run = async (action: 'resume' | 'rollback', id: string) => {
    setBusy(true);
    const r =
      action === 'resume'
        ? await call('rotation:resume', { id })
        : await call('rotation:rollback', { id, restart: true });
    setBusy(false);
    setError(r.ok ? undefined : r.error);
    finished(action === 'resume' ? 'Resumed and completed the rotation of' : 'Rolled back the rotation of')(
      r.ok ? r.value : undefined,
    );
  };

  const selected = panel && accounts?.find((a) => a.resource === panel.resource && a.account === panel.account);
  // Enter on an account opens its policy and schedule; Rotate now is a deliberate Right-arrow and Enter away.
  const nav = useGridNavigation({
    count: accounts?.length ?? 0,
    onOpen: (index) => {
      const a = accounts?.[index];
      if (a) setPanel({ kind: 'settings', resource: a.resource, account: a.account });
    },
  });

  return (
    <div className="view wide">
      <header className="view-header">
        <h1>Rotation</h1>
        <p className="muted">
          Reset an account's password by its resource's policy, write it to every mapped Secret key, and restart the
          workloads that use them. Every step is journalled.
        </p>
      </header>
      <ErrorNote error={error} />
      {accounts && accounts.length === 0 ? (
        <div className="empty-state">
          <p>
            No account to rotate yet. Add a PostgreSQL server and its accounts (
            <span className="mono">strongroom resource add-postgres</span>,{' '}
            <span className="mono">strongroom account add</span>), then map Secret keys to them.
          </p>
          <button type="button" className="primary" onClick={() => go('mapping')}>
            Go to Mapping
          </button>
        </div>
      ) : (
        <table
          className="simple"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid, the pattern for keyboard rows
          role="grid"
          {...nav.gridProps}
          aria-label="Rotatable accounts"
        >
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Type</th>
              <th scope="col">Mapped keys</th>
              <th scope="col">Policy</th>
              <th scope="col">Schedule</th>
              <th scope="col">Last rotated</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(accounts ?? []).map((a, index) => (
              <tr key={`${a.resource}/${a.account}`} {...nav.rowProps(index)}>
                <td className="mono">
                  {a.resource}/{a.account}
                </td>
                <td>{a.type}</td>
                <td>{a.mappedKeys}</td>
                <td>
                  {a.policy.length} chars, {a.policy.classes.join(', ')}
                </td>
                <td className="mono">{scheduleText(a)}</td>
                <td>
                  <When at={a.rotatedAt} fallback="never" />
                </td>
                <td className="row">
                  <button
                    type="button"
                    className="primary"
                    aria-label={`Rotate now: ${a.resource}/${a.account}`}
                    onClick={() => setPanel({ kind: 'rotate', resource: a.resource, account: a.account })}
                  >
                    Rotate now
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Policy and schedule of ${a.resource}/${a.account}`}
                    onClick={() => setPanel({ kind: 'settings', resource: a.resource, account: a.account })}
                  >
                    Policy and schedule
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {panel?.kind === 'rotate' && (
        <ImpactPreview
          key={`${panel.resource}/${panel.account}`}
          resource={panel.resource}
          account={panel.account}
          onCancel={() => setPanel(undefined)}
          onDone={(result) => {
            if (result) setPanel(undefined);
            finished('Rotated')(result);
          }}
        />
      )}
      {panel?.kind === 'settings' && selected && (
        <AccountSettings key={`${panel.resource}/${panel.account}`} a={selected} onSaved={() => void refresh()} />
      )}
      <h2>History</h2>
      <RotationJournal
        rotations={rotations}
        busy={busy}
        onResume={(id) => void run('resume', id)}
        onRollback={(id) => void run('rollback', id)}
      />
    </div>
  );
}
