// The Settings card of the overview: after how many days without a value change a Secret counts as stale.
import { useEffect, useState } from 'react';
import { call } from '../../client';
import { useUi } from '../../store/ui';

export function OverviewSettings() {
  const [days, setDays] = useState('');
  const [saved, setSaved] = useState<number>();
  useEffect(() => {
    void call('overview:get', {}).then((r) => {
      if (r.ok) {
        setDays(String(r.value.staleDays));
        setSaved(r.value.staleDays);
      }
    });
  }, []);
  const value = Number(days);
  const valid = Number.isInteger(value) && value >= 1 && value <= 3650;
  const save = async () => {
    const r = await call('overview:set-stale-days', { days: value });
    if (!r.ok) return useUi.getState().notifyError(r.error);
    setSaved(r.value.staleDays);
    useUi.getState().notify({ level: 'info', message: `Secrets now count as stale after ${r.value.staleDays} days.` });
  };
  return (
    <section className="card">
      <h2>Overview</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void save();
        }}
      >
        <label>
          Stale after (days without a value change)
          <input
            type="number"
            min={1}
            max={3650}
            value={days}
            aria-invalid={!valid}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
        {!valid && <p className="hint-warning">Enter a whole number of days from 1 to 3650.</p>}
        <button type="submit" disabled={!valid || value === saved}>
          Save threshold
        </button>
      </form>
    </section>
  );
}
