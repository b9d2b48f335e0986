// Access sessions for the app and the CLI: accounts, start/end, the live set, and the stored log.

import type { ClusterId } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import type {
  AccessAccount,
  SessionDetail,
  SessionEndReason,
  SessionSummary,
  StartedSession,
} from '../../shared/ipc/access';
import type { AuditRecord } from '../audit/service';
import type { Clock } from '../clock';
import type { KubeTarget } from '../kube/connection';
import type { Logger } from '../log';
import { addAccount, findAccount, listAccounts } from './accounts';
import type { AccessRepo } from './repo';
import { LiveSession, type SessionDeps } from './session';

/** What access needs of the clusters domain: names and in-memory connections, never a file. */
export interface AccessClusters {
  get(id: ClusterId): { id: string; name: string };
  connection(id: ClusterId): KubeTarget;
}

export interface AccessServiceDeps {
  repo: AccessRepo;
  clusters: AccessClusters;
  audit: { record(event: AuditRecord): void; readonly actor: string };
  clock: Clock;
  log: Logger;
  changed(id: string): void;
  hold?: SessionDeps['hold'];
}

/** Why a session the log showed live was ended at unlock. */
const ORPHAN_CAUSE = 'its process is gone (crashed or killed)';

/** What starting a session needs; `recordExec` defaults to off. */
export interface SessionInput {
  clusterId: string;
  account: string;
  ttlMs: number;
  reason: string;
  recordExec?: boolean;
}

export class AccessService {
  private readonly live = new Map<string, LiveSession>();

  constructor(private readonly deps: AccessServiceDeps) {}

  accounts(clusterId: string): AccessAccount[] {
    this.deps.clusters.get(clusterId as ClusterId);
    return listAccounts(this.deps.repo, clusterId);
  }

  addAccount(clusterId: string, account: Omit<AccessAccount, 'builtIn'>): AccessAccount {
    const cluster = this.deps.clusters.get(clusterId as ClusterId);
    const added = addAccount(this.deps.repo, clusterId, { ...account, builtIn: false }, this.deps.clock.now());
    this.deps.audit.record({
      action: 'access.account_add',
      target: `${cluster.name}/${account.name}`,
      outcome: 'ok',
      details: { serviceAccount: `${account.namespace}/${account.serviceAccount}` },
    });
    return added;
  }

  /** Starts a session; the returned LiveSession is the handle the CLI waits on. */
  async open(input: SessionInput): Promise<LiveSession> {
    const id = input.clusterId as ClusterId;
    const cluster = this.deps.clusters.get(id);
    const chosen = findAccount(this.deps.repo, cluster.id, cluster.name, input.account);
    const target = this.deps.clusters.connection(id);
    const { ownNamespace } = await import('./token-request');
    const account = chosen.builtIn ? { ...chosen, namespace: await ownNamespace(target, chosen.namespace) } : chosen;
    const session = await LiveSession.open(this.deps, {
      cluster: { id: cluster.id, name: cluster.name, target },
      account,
      ttlMs: input.ttlMs,
      reason: input.reason,
      recordExec: input.recordExec ?? false,
    });
    this.live.set(session.id, session);
    session.onEnd(() => this.live.delete(session.id));
    return session;
  }

  async start(input: SessionInput): Promise<StartedSession> {
    const session = await this.open(input);
    return { session: session.summary(), kubeconfigPath: session.kubeconfigPath, proxyUrl: session.proxyUrl };
  }

  async end(id: string, reason: SessionEndReason = 'user'): Promise<SessionSummary> {
    const session = this.live.get(id);
    if (!session) {
      const past = this.deps.repo.getSession(id);
      if (!past) throw new AppError('not_found', 'No such session.', 'List sessions with strongroom sessions list.');
      if (past.live)
        throw new AppError(
          'not_found',
          'That session is run by another Strongroom process.',
          'End it where it was started (Ctrl+C in its terminal), or let its time run out.',
        );
      return past;
    }
    await session.end(reason);
    return session.summary();
  }

  /**
   * At unlock: sessions the log shows live but no process runs (a crash, a kill -9) are marked ended
   * (`error`) and audited at once; then their bound Secrets are deleted where the cluster allows, each
   * outcome audited (`session.revoke`) and a refusal logged, never fatal. `elsewhere` are sessions another
   * running process still holds (their jobs are still running).
   */
  closeOrphans(elsewhere: Iterable<string>): number {
    const live = new Set([...this.live.keys(), ...elsewhere]);
    const orphans = this.deps.repo.openSessions().filter((s) => !live.has(s.id));
    const now = this.deps.clock.now();
    for (const s of orphans) {
      this.deps.repo.endSession(s.id, now, 'error');
      this.deps.audit.record({
        action: 'session.end',
        target: `${s.clusterName}/${s.account}`,
        outcome: 'ok',
        details: { sessionId: s.id, reason: 'error', requests: s.requestCount, cause: ORPHAN_CAUSE },
      });
      this.deps.changed(s.id);
    }
    if (orphans.length > 0) {
      this.deps.log.info({ sessions: orphans.length }, 'orphaned access sessions closed');
      const revoked = Promise.all(orphans.map((s) => this.revokeOrphan(s)));
      this.revoking = Promise.all([this.revoking, revoked]).then(() => undefined);
    }
    return orphans.length;
  }

  private revoking: Promise<void> = Promise.resolve();

  private async revokeOrphan(s: SessionSummary): Promise<void> {
    // Loaded on first use: client-node stays out of the app's start-up.
    const { boundObjectName, deleteOrphanedBoundObject } = await import('./bound-object');
    const namespace = s.serviceAccount.split('/')[0] ?? '';
    const details: Record<string, unknown> = { sessionId: s.id, boundObject: `${namespace}/${boundObjectName(s.id)}` };
    let outcome: AuditRecord['outcome'] = 'ok';
    try {
      const target = this.deps.clusters.connection(s.clusterId as ClusterId);
      details.deleted = await deleteOrphanedBoundObject(target, namespace, s.id);
    } catch (error) {
      // In the background of an unlock: even a bug is logged and audited here, not thrown at nobody.
      outcome = error instanceof AppError ? error.code : 'internal';
      details.why = (error as Error).message;
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

  /** Vault lock or shutdown: every live session ends (and orphans' Secrets being deleted are waited for). */
  async endAll(reason: SessionEndReason): Promise<void> {
    await Promise.all([...this.live.values()].map((s) => s.end(reason)));
    await this.revoking;
  }

  list(limit: number): SessionSummary[] {
    return this.deps.repo.listSessions(limit);
  }

  /** By full id, or by a unique prefix of at least 6 characters (as the CLI prints them). */
  show(idOrPrefix: string): SessionDetail {
    let id = idOrPrefix;
    if (idOrPrefix.length < 36) {
      const matches = idOrPrefix.length >= 6 ? this.deps.repo.findSessionByPrefix(idOrPrefix) : [];
      if (matches.length > 1)
        throw new AppError('invalid_input', `"${idOrPrefix}" matches several sessions.`, 'Give more of the id.');
      id = matches[0]?.id ?? idOrPrefix;
    }
    const detail = this.deps.repo.detail(id);
    if (!detail) throw new AppError('not_found', 'No such session.', 'List sessions with strongroom sessions list.');
    return detail;
  }
}
