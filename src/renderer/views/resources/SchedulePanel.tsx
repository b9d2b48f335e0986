// A cluster's scheduled sync: a preset or a cron expression, the next run and the last outcome.
import { useEffect, useState } from 'react';
import type { SyncSchedule } from '../../../shared/ipc/sync';
import { call } from '../../client';
import { TextInput } from '../../components/TextInput';
import { When } from '../../components/When';
import { useUi } from '../../store/ui';

export function SchedulePanel({ clusterId }: { clusterId: string }) {
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
