// Sessions whose process died (kill -9, a crash): ended at the next unlock, audited, and their bound Secrets deleted where the cluster allows.
import type { ClusterId } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import type { SessionSummary } from '../../shared/ipc/access';
import type { AuditRecord } from '../audit/service';
import type { AccessServiceDeps } from './service';

/** Why a session the log showed live was ended at unlock. */
const ORPHAN_CAUSE = 'its process is gone (crashed or killed)';

export class OrphanSweeper {
  private pending: Promise<void> = Promise.resolve();
  /** What became of each orphan, in plain words, for the person at the terminal (the window gets `notice`s). */
  readonly notices: string[] = [];

  constructor(private readonly deps: Omit<AccessServiceDeps, 'hold'>) {}

  private say(level: 'info' | 'warning', message: string, fix?: string): void {
    this.notices.push(fix ? `${message} ${fix}` : message);
    this.deps.notice?.({ level, message, ...(fix ? { fix } : {}) });
  }

  /**
   * Ends (`error`) and audits at once every session the log shows live that `live` does not hold; then
   * deletes their bound Secrets in the background, each outcome audited (`session.revoke`). A refusal
   * (403, a cluster gone) is logged, audited and noted, never fatal.
   */
  sweep(live: Set<string>): number {
    const { repo, clock, audit, log } = this.deps;
    const orphans = repo.openSessions().filter((s) => !live.has(s.id));
    const now = clock.now();
    for (const s of orphans) {
      repo.endSession(s.id, now, 'error');
      audit.record({
        action: 'session.end',
        target: `${s.clusterName}/${s.account}`,
        outcome: 'ok',
        details: { sessionId: s.id, reason: 'error', requests: s.requestCount, cause: ORPHAN_CAUSE },
      });
      this.deps.changed(s.id);
    }
    if (orphans.length > 0) {
      log.info({ sessions: orphans.length }, 'orphaned access sessions closed');
      const revoked = Promise.all(orphans.map((s) => this.revoke(s)));
      this.pending = Promise.all([this.pending, revoked]).then(() => undefined);
    }
    return orphans.length;
  }

  /** Resolves when every deletion started so far has its outcome. */
  settled(): Promise<void> {
    return this.pending;
  }

  private async revoke(s: SessionSummary): Promise<void> {
    // Loaded on first use: client-node stays out of the app's start-up.
    const { boundObjectName, deleteOrphanedBoundObject } = await import('./bound-object');
    const namespace = s.serviceAccount.split('/')[0] ?? '';
    const secret = `${namespace}/${boundObjectName(s.id)}`;
    const details: Record<string, unknown> = { sessionId: s.id, boundObject: secret };
    const said = `Session ${s.id.slice(0, 8)} on ${s.clusterName} as ${s.account} was left live by a process that is gone; it is ended`;
    let outcome: AuditRecord['outcome'] = 'ok';
    try {
      const target = this.deps.clusters.connection(s.clusterId as ClusterId);
      const deleted = await deleteOrphanedBoundObject(target, namespace, s.id);
      details.deleted = deleted;
      this.say(
        'info',
        deleted
          ? `${said}, and its token revoked (Secret ${secret} deleted).`
          : `${said}; it had no session Secret, so its token lives until it expires.`,
      );
    } catch (error) {
      // In the background of an unlock: even a bug is logged and audited here, not thrown at nobody.
      outcome = error instanceof AppError ? error.code : 'internal';
      details.why = (error as Error).message;
      const fix = error instanceof AppError ? error.fix : undefined;
      this.say('warning', `${said}, but its Secret ${secret} was kept: ${details.why}`, fix);
      this.deps.log.warn({ session: s.id, code: outcome, why: details.why }, 'orphaned session: bound Secret kept');
    }
    try {
      this.deps.audit.record({ action: 'session.revoke', target: `${s.clusterName}/${s.account}`, outcome, details });
    } catch (error) {
      // The vault locked while the cluster answered: the log keeps what happened.
      this.deps.log.warn(
        { session: s.id, outcome, err: (error as Error).message },
        'orphaned session: revoke not audited',
      );
    }
  }
}
