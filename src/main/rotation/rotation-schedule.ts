// Per-account rotation schedules (croner): run while the app is open and the vault unlocked; the CLI stores and shows them only.
import { Cron } from 'croner';
import type { RotationScheduleData } from '../../shared/ipc/rotation';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { validCron } from '../sync/schedule';
import type { VaultService } from '../vault/service';
import type { RotationService } from './rotation-service';
import { targetAccountId } from './target-store';

interface Row {
  target_account_id: number;
  resource: string;
  account: string;
  cron: string;
  enabled: number;
  restart: number;
  last_run: number | null;
  last_outcome: string | null;
}

const SELECT = `SELECT s.*, r.name AS resource, ta.name AS account FROM rotation_schedules s
  JOIN target_accounts ta ON ta.id = s.target_account_id JOIN resources r ON r.id = ta.resource_id`;

export class RotationScheduler {
  private readonly timers = new Map<number, Cron>();
  private readonly log: Logger;

  constructor(
    private readonly vault: VaultService,
    private readonly rotation: Pick<RotationService, 'rotate'>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    log: Logger,
    /** False in short-lived processes (the CLI). */
    private readonly runs = true,
  ) {
    this.log = log.child({ svc: 'rotation-schedule' });
    if (runs) vault.addLifecycle({ unlocked: () => this.startAll(), locking: () => this.stopAll() });
  }

  /** The schedule of one account by its id, or null. */
  byAccountId(accountId: number): RotationScheduleData | null {
    const row = this.vault.db().prepare(`${SELECT} WHERE s.target_account_id = ?`).get(accountId) as Row | undefined;
    if (!row) return null;
    const next = row.enabled ? (this.timers.get(accountId) ?? new Cron(row.cron, { paused: true })).nextRun() : null;
    return {
      cron: row.cron,
      enabled: row.enabled === 1,
      restart: row.restart === 1,
      nextRun: next ? next.getTime() : null,
      lastRun: row.last_run,
      lastOutcome: row.last_outcome,
    };
  }

  /** Sets or (cron null) removes the schedule of `resource/account`; audited. */
  set(
    resource: string,
    account: string,
    input: { cron: string | null; enabled: boolean; restart: boolean },
  ): RotationScheduleData | null {
    const db = this.vault.db();
    const accountId = targetAccountId(db, resource, account);
    const cron = input.cron === null ? null : validCron(input.cron.trim());
    if (cron === null) db.prepare('DELETE FROM rotation_schedules WHERE target_account_id = ?').run(accountId);
    else {
      db.prepare(
        `INSERT INTO rotation_schedules (target_account_id, cron, enabled, restart) VALUES (?, ?, ?, ?)
         ON CONFLICT(target_account_id) DO UPDATE SET cron = excluded.cron, enabled = excluded.enabled, restart = excluded.restart`,
      ).run(accountId, cron, input.enabled ? 1 : 0, input.restart ? 1 : 0);
    }
    this.audit.record({
      action: 'rotation.schedule',
      target: `account ${resource}/${account}`,
      outcome: 'ok',
      details: { cron, enabled: input.enabled, restart: input.restart },
    });
    this.arm(accountId, cron !== null && input.enabled ? cron : null);
    return this.byAccountId(accountId);
  }

  /** One scheduled rotation; skipped while locked. Public for tests. */
  async tick(accountId: number): Promise<void> {
    if (!this.vault.isUnlocked) {
      this.log.info({ accountId }, 'scheduled rotation skipped: vault locked');
      return;
    }
    const row = this.vault.db().prepare(`${SELECT} WHERE s.target_account_id = ?`).get(accountId) as Row | undefined;
    if (!row) return;
    let outcome = 'ok';
    try {
      await this.rotation.rotate(row.resource, row.account, { restart: row.restart === 1 });
    } catch (error) {
      outcome = (error as { code?: string }).code ?? 'internal';
    }
    if (!this.vault.isUnlocked) return;
    this.vault
      .db()
      .prepare('UPDATE rotation_schedules SET last_run = ?, last_outcome = ? WHERE target_account_id = ?')
      .run(this.clock.now(), outcome, accountId);
  }

  private arm(accountId: number, cron: string | null): void {
    this.timers.get(accountId)?.stop();
    this.timers.delete(accountId);
    if (!cron || !this.runs) return;
    this.timers.set(accountId, new Cron(cron, { protect: true, catch: true, unref: true }, () => this.tick(accountId)));
  }

  private startAll(): void {
    const rows = this.vault.db().prepare(`${SELECT} WHERE s.enabled = 1`).all() as Row[];
    for (const row of rows) this.arm(row.target_account_id, row.cron);
  }

  stopAll(): void {
    for (const t of this.timers.values()) t.stop();
    this.timers.clear();
  }
}
