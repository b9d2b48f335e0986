// Policy and schedule of one account: the resource's password policy (length, classes, excluded characters) and a cron schedule.
import { useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import { CHAR_CLASSES, type RotationAccountSummary } from '../../../shared/ipc/rotation';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { TextField } from '../../components/TextField';
import { useUi } from '../../store/ui';

type CharClass = (typeof CHAR_CLASSES)[number];

export function AccountSettings({ a, onSaved }: { a: RotationAccountSummary; onSaved(): void }) {
  const [length, setLength] = useState(String(a.policy.length));
  const [classes, setClasses] = useState<CharClass[]>(a.policy.classes);
  const [excluded, setExcluded] = useState(a.policy.excluded);
  const [cron, setCron] = useState(a.schedule?.cron ?? '');
  const [enabled, setEnabled] = useState(a.schedule?.enabled ?? true);
  const [restart, setRestart] = useState(a.schedule?.restart ?? true);
  const [error, setError] = useState<ErrorData>();
  const notify = useUi.getState().notify;
  const label = `${a.resource}/${a.account}`;

  const done = (r: { ok: true } | { ok: false; error: ErrorData }, message: string) => {
    if (!r.ok) return setError(r.error);
    setError(undefined);
    notify({ level: 'info', message });
    onSaved();
  };

  const savePolicy = async () => {
    const n = Number(length);
    if (!Number.isInteger(n)) return setError({ code: 'invalid_input', message: 'The length must be a whole number.' });
    const r = await call('rotation:setPolicy', { resource: a.resource, policy: { length: n, classes, excluded } });
    done(r, `Saved the password policy of ${a.resource}.`);
  };

  const saveSchedule = async (remove: boolean) => {
    const r = await call('rotation:setSchedule', {
      resource: a.resource,
      account: a.account,
      cron: remove ? null : cron,
      enabled,
      restart,
    });
    done(r, remove ? `Removed the schedule of ${label}.` : `Saved the schedule of ${label}.`);
  };

  return (
    <section className="card" aria-label={`Policy and schedule of ${label}`}>
      <h2>Policy and schedule of {label}</h2>
      <fieldset>
        <legend>Password policy of {a.resource} (all its accounts)</legend>
        <TextField label="Password length (12 to 256)" value={length} onChange={setLength} />
        {CHAR_CLASSES.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={classes.includes(c)}
              onChange={(e) => setClasses(e.target.checked ? [...classes, c] : classes.filter((x) => x !== c))}
            />
            {c}
          </label>
        ))}
        <TextField label="Excluded characters (never used)" value={excluded} onChange={setExcluded} />
        <button type="button" className="secondary" onClick={() => void savePolicy()}>
          Save policy
        </button>
      </fieldset>
      <fieldset>
        <legend>Schedule (runs while the app is open and the vault unlocked)</legend>
        <TextField label="Cron expression, e.g. 0 3 * * 0" value={cron} onChange={setCron} />
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
        <label className="check">
          <input type="checkbox" checked={restart} onChange={(e) => setRestart(e.target.checked)} />
          Restart the workloads after each scheduled rotation
        </label>
        <div className="row">
          <button type="button" className="secondary" disabled={!cron.trim()} onClick={() => void saveSchedule(false)}>
            Save schedule
          </button>
          {a.schedule && (
            <button type="button" className="link-button" onClick={() => void saveSchedule(true)}>
              Remove schedule
            </button>
          )}
        </div>
      </fieldset>
      <ErrorNote error={error} />
    </section>
  );
}
