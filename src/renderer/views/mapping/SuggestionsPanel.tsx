// Suggested mappings, each with why it is offered: Accept, Dismiss, or Accept all that have one clear account.
import { useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { MappingSuggestion } from '../../../shared/ipc/mapping-assist';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { useGridNavigation } from '../../components/useGridNavigation';
import { useUi } from '../../store/ui';
import { accountRef, keyRef } from './use-mapping';

export function SuggestionsPanel({
  suggestions,
  onChanged,
}: {
  suggestions: MappingSuggestion[] | undefined;
  onChanged(): Promise<void>;
}) {
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const notify = useUi((s) => s.notify);
  // Rows act through their buttons (Right arrow, then Enter); Enter on a row itself does nothing by surprise.
  const nav = useGridNavigation({ count: suggestions?.length ?? 0, onOpen: () => undefined });

  const act = async (run: () => Promise<{ ok: boolean; error?: ErrorData }>) => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    setError(r.ok ? undefined : r.error);
    await onChanged();
  };
  const acceptAll = () =>
    act(async () => {
      const r = await call('mapping:acceptAll', {});
      if (r.ok) {
        const left =
          r.value.ambiguous > 0 ? ` ${r.value.ambiguous} key(s) have two likely accounts: choose below.` : '';
        notify({ level: 'info', message: `${r.value.accepted.length} mapping(s) made.${left}` });
      }
      return r;
    });
  const preferred = suggestions?.filter((s) => s.preferred).length ?? 0;

  return (
    <section className="card" aria-labelledby="suggestions-title">
      <div className="toolbar">
        <h2 id="suggestions-title">Suggestions</h2>
        <span className="spacer" />
        <button type="button" className="primary" disabled={busy || preferred === 0} onClick={() => void acceptAll()}>
          Accept all ({preferred})
        </button>
      </div>
      <ErrorNote error={error} />
      {!suggestions ? (
        <p className="muted small">Looking for keys that hold account passwords…</p>
      ) : suggestions.length === 0 ? (
        <p className="muted">
          No suggestions. They appear when a fetched Secret key holds an account's current password, sits beside a user
          key naming an account, or is a PostgreSQL URL for one. Fetch Secrets in Resources and add the accounts whose
          passwords they hold.
        </p>
      ) : (
        <table
          className="simple"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid, the pattern for keyboard rows
          role="grid"
          {...nav.gridProps}
          aria-label="Suggested mappings"
        >
          <thead>
            <tr>
              <th scope="col">Secret key</th>
              <th scope="col">Account</th>
              <th scope="col">Why</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {suggestions.map((s, index) => (
              <tr {...nav.rowProps(index)} key={`${keyRef(s.from)}→${accountRef(s.to)}`}>
                <td className="mono">{keyRef(s.from)}</td>
                <td className="mono">
                  {accountRef(s.to)}
                  {s.template && <div className="muted small">template {s.template}</div>}
                </td>
                <td>
                  {s.reason}
                  {!s.preferred && <div className="muted small">Another account is as likely: choose one.</div>}
                </td>
                <td>
                  <div className="row tight">
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void act(() => call('mapping:accept', { from: s.from, to: s.to }))}
                    >
                      Accept
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void act(() => call('mapping:dismiss', { from: s.from, to: s.to }))}
                    >
                      Dismiss
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
