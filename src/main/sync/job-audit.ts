// Audit events of a running fetch or sync: one when it starts and one per committed batch, so the vault never holds Secrets the log does not cover.
import type { NamespaceReport } from '../../shared/ipc/sync';
import type { AuditLog } from '../audit/service';

/**
 * Records a job's progress in the audit log. `committed` is called inside the transaction that
 * writes the batch: the event and the Secrets land together or not at all, so a job killed
 * mid-run leaves an event for every namespace it committed. The job's final event is recorded by
 * the service, as before, once the job ends.
 */
export class JobAudit {
  private batches = 0;

  constructor(
    private readonly audit: AuditLog,
    private readonly action: 'sync.fetch' | 'sync.sync',
    private readonly target: `cluster ${string}`,
    private readonly job: { jobId: string; trigger: 'manual' | 'schedule' },
  ) {}

  started(): void {
    this.audit.record({ action: `${this.action}_started`, target: this.target, outcome: 'ok', details: this.job });
  }

  /** One event for the namespaces of a batch whose Secrets changed; names and counts only, never a value. */
  committed(reports: readonly NamespaceReport[]): void {
    const changed = reports.filter((r) => r.added + r.changed + r.deleted > 0);
    if (changed.length === 0) return; // nothing in the vault moved: the earlier events still cover it
    this.batches++;
    const namespaces = changed.map(({ namespace, added, changed, deleted }) => ({
      namespace,
      added,
      changed,
      deleted,
    }));
    this.audit.record({
      action: `${this.action}_batch`,
      target: this.target,
      outcome: 'ok',
      details: { ...this.job, batch: this.batches, namespaces },
    });
  }
}
