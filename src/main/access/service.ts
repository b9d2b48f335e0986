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
import { OrphanSweeper } from './orphans';
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
  /** Tells the window something it should know (what became of sessions a dead process left live). */
  notice?(notice: { level: 'info' | 'warning'; message: string; fix?: string }): void;
  hold?: SessionDeps['hold'];
}

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
  private readonly orphans: OrphanSweeper;

  constructor(private readonly deps: AccessServiceDeps) {
    this.orphans = new OrphanSweeper(deps);
  }

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
   * At unlock: sessions the log shows live but no process runs (a crash, a kill -9) are ended, and their
   * bound Secrets deleted where the cluster allows (see OrphanSweeper). `elsewhere` are sessions another
   * running process still holds (their jobs are still running).
   */
  closeOrphans(elsewhere: Iterable<string>): number {
    return this.orphans.sweep(new Set([...this.live.keys(), ...elsewhere]));
  }

  /** What became of the sessions closed at unlock, in plain words (the CLI prints them on exit). */
  get orphanNotices(): readonly string[] {
    return this.orphans.notices;
  }

  /** Vault lock or shutdown: every live session ends (and orphans' Secrets being deleted are waited for). */
  async endAll(reason: SessionEndReason): Promise<void> {
    await Promise.all([...this.live.values()].map((s) => s.end(reason)));
    await this.orphans.settled();
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
