// Per-cluster sync schedules (croner): run while the app is open and the vault unlocked, skipped while locked.
import { Cron } from 'croner';
import type { ClusterId } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import { SCHEDULE_PRESETS, type SchedulePreset, type SyncSchedule } from '../../shared/ipc/sync';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { VaultService } from '../vault/service';
import type { SyncService } from './service';

interface Row {
  cluster_id: ClusterId;
  cron: string;
  enabled: number;
  last_run: number | null;
  last_outcome: string | null;
}

export type ScheduleInput = { preset: SchedulePreset } | { cron: string } | null;

function presetOf(cron: string | null): SchedulePreset | null {
  const hit = Object.entries(SCHEDULE_PRESETS).find(([, c]) => c === cron);
  return (hit?.[0] as SchedulePreset | undefined) ?? null;
}

/** Checks a cron expression with croner; a bad one is the user's input, not a bug. */
export function validCron(expr: string): string {
  try {
    new Cron(expr, { paused: true }).stop();
    return expr;
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `"${expr.slice(0, 120)}" is not a valid cron expression: ${(error as Error).message}`,
      'Use five fields (minute hour day month weekday), e.g. "0 */6 * * *", or pick a preset.',
    );
  }
}

export class SyncScheduler {
  private readonly timers = new Map<string, Cron>();
  private readonly log: Logger;

  constructor(
    private readonly vault: VaultService,
    private readonly sync: Pick<SyncService, 'sync'>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    log: Logger,
    /** False in short-lived processes (the CLI): schedules are then stored and shown, never run. */
    private readonly runs = true,
  ) {
    this.log = log.child({ svc: 'sync-schedule' });
    if (runs) vault.addLifecycle({ unlocked: () => this.startAll(), locking: () => this.stopAll() });
  }

  get(clusterId: ClusterId): SyncSchedule {
    const row = this.vault.db().prepare('SELECT * FROM sync_schedules WHERE cluster_id = ?').get(clusterId) as
      | Row
      | undefined;
    if (!row)
      return { clusterId, cron: null, preset: null, enabled: false, nextRun: null, lastRun: null, lastOutcome: null };
    const timer = this.timers.get(clusterId);
    const next = row.enabled ? (timer ?? new Cron(row.cron, { paused: true })).nextRun() : null;
    return {
      clusterId,
      cron: row.cron,
      preset: presetOf(row.cron),
      enabled: row.enabled === 1,
      nextRun: next ? next.getTime() : null,
      lastRun: row.last_run,
      lastOutcome: row.last_outcome,
    };
  }

  set(clusterId: ClusterId, input: ScheduleInput, enabled: boolean): SyncSchedule {
    const db = this.vault.db();
    const cron =
      input === null ? null : 'preset' in input ? SCHEDULE_PRESETS[input.preset] : validCron(input.cron.trim());
    if (cron === null) db.prepare('DELETE FROM sync_schedules WHERE cluster_id = ?').run(clusterId);
    else {
      db.prepare(
        'INSERT INTO sync_schedules (cluster_id, cron, enabled) VALUES (?, ?, ?) ON CONFLICT(cluster_id) DO UPDATE SET cron = excluded.cron, enabled = excluded.enabled',
      ).run(clusterId, cron, enabled ? 1 : 0);
    }
    this.audit.record({
      action: 'sync.schedule',
      target: `cluster ${clusterId}`,
      outcome: 'ok',
      details: { cron, enabled },
    });
    this.arm(clusterId, cron !== null && enabled ? cron : null);
    return this.get(clusterId);
  }

  /** One scheduled run; skipped while locked or while another job of this cluster runs. Public for tests. */
  async tick(clusterId: ClusterId): Promise<void> {
    if (!this.vault.isUnlocked) {
      this.log.info({ clusterId }, 'scheduled sync skipped: vault locked');
      return;
    }
    let outcome = 'ok';
    try {
      const report = await this.sync.sync({ clusterId, trigger: 'schedule' });
      if (report.totals.failed > 0) outcome = 'partial';
    } catch (error) {
      outcome = (error as { code?: string }).code ?? 'internal';
    }
    if (!this.vault.isUnlocked) return;
    this.vault
      .db()
      .prepare('UPDATE sync_schedules SET last_run = ?, last_outcome = ? WHERE cluster_id = ?')
      .run(this.clock.now(), outcome, clusterId);
  }

  private arm(clusterId: ClusterId, cron: string | null): void {
    this.timers.get(clusterId)?.stop();
    this.timers.delete(clusterId);
    if (!cron || !this.runs) return;
    this.timers.set(clusterId, new Cron(cron, { protect: true, catch: true, unref: true }, () => this.tick(clusterId)));
  }

  private startAll(): void {
    const rows = this.vault.db().prepare('SELECT * FROM sync_schedules WHERE enabled = 1').all() as Row[];
    for (const row of rows) this.arm(row.cluster_id, row.cron);
  }

  stopAll(): void {
    for (const t of this.timers.values()) t.stop();
    this.timers.clear();
  }
}
