// One live session, start to end, in one place: token, proxy, kubeconfig, log, audit, TTL timer (and the vault lease hook).
import { randomBytes, randomUUID } from 'node:crypto';
import type { AccessAccount, SessionEndReason, SessionRequest, SessionSummary } from '../../shared/ipc/access';
import type { AuditRecord } from '../audit/service';
import type { Clock } from '../clock';
import type { KubeTarget } from '../kube/connection';
import type { Logger } from '../log';
import type { BoundObject } from './bound-object';
import { execTapFor } from './exec-transcript';
import { type TempKubeconfig, writeTempKubeconfig } from './kubeconfig-file';
import type { SessionProxy } from './proxy';
import type { AccessRepo } from './repo';
import { createSessionCert } from './session-cert';

export interface SessionDeps {
  repo: AccessRepo;
  audit: { record(event: AuditRecord): void; readonly actor: string };
  clock: Clock;
  log: Logger;
  /** Called after requests were logged, and when the session starts and ends. */
  changed(id: string): void;
  /**
   * Holds the vault open while the session lives (a lease of the job runner); `revoked` ends the
   * session when the vault must lock anyway. Returns the release function.
   */
  hold?(what: { id: string; label: string; params: Record<string, string> }, revoked: () => void): () => void;
}

export interface SessionStart {
  cluster: { id: string; name: string; target: KubeTarget };
  account: AccessAccount;
  ttlMs: number;
  reason: string;
  /** Transcribe exec and attach streams (off unless chosen). */
  recordExec?: boolean;
}

/** How often logged requests are written to the vault (in one transaction), and after how many at most. */
const FLUSH_MS = 250;
const FLUSH_ROWS = 500;

export class LiveSession {
  readonly id = randomUUID();
  private pending: SessionRequest[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private cancelTtl: (() => void) | undefined;
  private release: (() => void) | undefined;
  private proxy: SessionProxy | undefined;
  private kubeconfig: TempKubeconfig | undefined;
  /** The Secret the token is bound to; deleting it revokes the token. */
  private bound: BoundObject | undefined;
  private ended: Promise<void> | undefined;
  private readonly endListeners: ((reason: SessionEndReason) => void)[] = [];
  private readonly log: Logger;
  proxyUrl = '';
  expiresAt = 0;

  private constructor(
    private readonly deps: SessionDeps,
    private readonly start: SessionStart,
  ) {
    this.log = deps.log.child({ svc: 'access', session: this.id });
  }

  /** Everything is undone if any step fails: no proxy, no file, no session row is left behind. */
  static async open(deps: SessionDeps, start: SessionStart): Promise<LiveSession> {
    const session = new LiveSession(deps, start);
    try {
      await session.begin();
    } catch (error) {
      await session.teardown();
      throw error;
    }
    return session;
  }

  get kubeconfigPath(): string {
    return this.kubeconfig?.path ?? '';
  }

  get kubeCacheDir(): string {
    return this.kubeconfig?.cacheDir ?? '';
  }

  get proxyAddress() {
    return this.proxy?.address;
  }

  /** What went wrong so far, in plain words (token refused, API server dropped the connection…). */
  readonly problems: string[] = [];
  private readonly problemListeners: ((message: string) => void)[] = [];

  onProblem(listener: (message: string) => void): void {
    this.problemListeners.push(listener);
  }

  onEnd(listener: (reason: SessionEndReason) => void): void {
    this.endListeners.push(listener);
  }

  summary(): SessionSummary {
    const s = this.deps.repo.getSession(this.id);
    if (!s) throw new Error(`session ${this.id} has no row`);
    return s;
  }

  private async begin(): Promise<void> {
    const { cluster, account, ttlMs, reason, recordExec = false } = this.start;
    const { clock, repo } = this.deps;
    this.release = this.deps.hold?.(
      {
        id: this.id,
        label: `kubectl session on ${cluster.name} as ${account.name}`,
        params: { cluster: cluster.name, account: account.name },
      },
      () => void this.end('lock'),
    );
    // Loaded on first use: client-node stays out of the app's start-up.
    const { mintToken } = await import('./token-request');
    const { createBoundObject } = await import('./bound-object');
    // undici, the proxy's upstream client, likewise.
    const { SessionProxy } = await import('./proxy');
    this.bound = await createBoundObject(cluster.target, account.namespace, this.id, this.log);
    const { name, uid } = this.bound ?? {};
    const minted = await mintToken(
      cluster.target,
      account,
      ttlMs,
      name && uid ? { kind: 'Secret', apiVersion: 'v1', name, uid } : undefined,
    );
    const startedAt = clock.now();
    this.expiresAt = Math.min(startedAt + ttlMs, minted.expiresAt);
    const cert = await createSessionCert(new Date(this.expiresAt + 60_000));
    const credential = randomBytes(32).toString('base64url');
    this.proxy = new SessionProxy({
      upstream: {
        server: cluster.target.server,
        caPem: cluster.target.caPem,
        tlsServerName: cluster.target.tlsServerName,
        gateway: cluster.target.gateway,
      },
      token: minted.token,
      localCredential: credential,
      cert,
      expiresAt: this.expiresAt,
      clock,
      onRequest: (r) => this.logRequest(r),
      ...(recordExec ? { tapUpgrade: execTapFor } : {}),
      onProblem: (message) => {
        this.problems.push(message);
        this.log.warn({ problem: message }, 'proxy problem');
        for (const listener of this.problemListeners) listener(message);
      },
    });
    this.proxyUrl = await this.proxy.listen();
    this.kubeconfig = writeTempKubeconfig({
      proxyUrl: this.proxyUrl,
      caPem: cert.caPem,
      credential,
      clusterName: cluster.name,
      account: account.name,
    });
    const serviceAccount = `${account.namespace}/${account.serviceAccount}`;
    repo.insertSession({
      id: this.id,
      clusterId: cluster.id,
      clusterName: cluster.name,
      account: account.name,
      serviceAccount,
      actor: this.deps.audit.actor,
      reason,
      startedAt,
      expiresAt: this.expiresAt,
      identity: minted.identity,
      recordExec,
    });
    this.deps.audit.record({
      action: 'session.start',
      target: `${cluster.name}/${account.name}`,
      outcome: 'ok',
      details: {
        sessionId: this.id,
        serviceAccount,
        identity: minted.identity,
        ttlMs,
        reason,
        boundObject: this.bound ? `${this.bound.namespace}/${this.bound.name}` : 'none',
        recordExec,
      },
    });
    this.cancelTtl = clock.setTimer(this.expiresAt - startedAt, () => void this.end('ttl'));
    this.log.info({ cluster: cluster.name, account: account.name, ttlMs }, 'session started');
    this.deps.changed(this.id);
  }

  /**
   * Idempotent: the first reason wins. Everything that touches the vault happens before the first
   * await, so that ending on vault lock still writes the log and the end.
   */
  end(reason: SessionEndReason): Promise<void> {
    if (this.ended) return this.ended;
    const closed = this.teardown();
    const { repo, clock } = this.deps;
    repo.endSession(this.id, clock.now(), reason);
    const s = repo.getSession(this.id);
    this.deps.audit.record({
      action: 'session.end',
      target: `${this.start.cluster.name}/${this.start.account.name}`,
      outcome: 'ok',
      details: { sessionId: this.id, reason, requests: s?.requestCount ?? 0 },
    });
    this.log.info({ reason, requests: s?.requestCount }, 'session ended');
    this.deps.changed(this.id);
    for (const listener of this.endListeners) listener(reason);
    this.ended = closed;
    return closed;
  }

  /**
   * Proxy closed (upgraded streams cut), kubeconfig removed, log flushed, lease released, all
   * synchronously; the returned promise waits for the listener to go and for the bound object's
   * deletion, which revokes the token (without one, the token is left to expire).
   */
  private teardown(): Promise<void> {
    this.cancelTtl?.();
    const closed = this.proxy?.close() ?? Promise.resolve();
    this.kubeconfig?.remove();
    this.flush();
    this.release?.();
    this.release = undefined;
    return Promise.all([closed, this.revoke()]).then(() => undefined);
  }

  private async revoke(): Promise<void> {
    const bound = this.bound;
    this.bound = undefined;
    if (!bound) return;
    const { deleteBoundObject } = await import('./bound-object');
    if (await deleteBoundObject(this.start.cluster.target, bound, this.log))
      this.log.info({ boundObject: bound.name }, 'session token revoked: its bound object is deleted');
  }

  private logRequest(request: SessionRequest): void {
    this.pending.push(request);
    // Streams cut by the end are logged as they close, right away; a burst is written before it grows large.
    if (this.ended || this.pending.length >= FLUSH_ROWS) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.deps.repo.insertRequests(this.id, batch);
      this.deps.changed(this.id);
    } catch (error) {
      // Only streams cut by a vault lock can land here: the vault is already closed.
      this.log.warn({ err: (error as Error).message, lost: batch.length }, 'could not write the session log');
    }
  }
}
