// Storage of access accounts, sessions and their request log in the vault.
import type {
  AccessAccount,
  ExecTranscript,
  SessionDetail,
  SessionEndReason,
  SessionRequest,
  SessionSummary,
} from '../../shared/ipc/access';
import type { WritableDB } from '../vault/db';

/** A session row as stored; `live` and `requestCount` are derived. */
export interface SessionRow {
  id: string;
  clusterId: string;
  clusterName: string;
  account: string;
  serviceAccount: string;
  actor: string;
  reason: string;
  startedAt: number;
  expiresAt: number;
  identity: string;
  recordExec: boolean;
}

interface DbSession {
  id: string;
  cluster_id: string;
  cluster_name: string;
  account: string;
  service_account: string;
  actor: string;
  reason: string;
  started_at: number;
  expires_at: number;
  ended_at: number | null;
  end_reason: SessionEndReason | null;
  identity: string;
  request_count: number;
  record_exec: number;
}

interface DbRequest {
  at: number;
  method: string;
  path: string;
  verb: string;
  resource: string;
  namespace: string;
  name: string;
  status: number;
  latency_ms: number;
  bytes_in: number;
  bytes_out: number;
  command: string;
  exec_command: string | null;
  transcript: string | null;
}

function summary(row: DbSession): SessionSummary {
  const out: SessionSummary = {
    id: row.id,
    clusterId: row.cluster_id,
    clusterName: row.cluster_name,
    account: row.account,
    serviceAccount: row.service_account,
    actor: row.actor,
    reason: row.reason,
    startedAt: row.started_at,
    expiresAt: row.expires_at,
    identity: row.identity,
    live: row.ended_at === null,
    requestCount: row.request_count,
    recordExec: row.record_exec === 1,
  };
  if (row.ended_at !== null) out.endedAt = row.ended_at;
  if (row.end_reason !== null) out.endReason = row.end_reason;
  return out;
}

function request(row: DbRequest): SessionRequest {
  const out: SessionRequest = {
    at: row.at,
    method: row.method,
    path: row.path,
    verb: row.verb,
    resource: row.resource,
    namespace: row.namespace,
    name: row.name,
    status: row.status,
    latencyMs: row.latency_ms,
    bytesIn: row.bytes_in,
    bytesOut: row.bytes_out,
    command: row.command,
  };
  if (row.exec_command !== null) out.execCommand = row.exec_command;
  if (row.transcript !== null) out.transcript = JSON.parse(row.transcript) as ExecTranscript;
  return out;
}

const SESSION_SELECT = `SELECT s.*, (SELECT count(*) FROM access_requests r WHERE r.session_id = s.id) AS request_count
  FROM access_sessions s`;

/** Asks for the DB on every call: the vault hands out a handle only while unlocked. */
export class AccessRepo {
  constructor(private readonly db: () => WritableDB) {}

  customAccounts(clusterId: string): AccessAccount[] {
    const rows = this.db()
      .prepare('SELECT name, namespace, service_account FROM access_accounts WHERE cluster_id = ? ORDER BY name')
      .all(clusterId) as { name: string; namespace: string; service_account: string }[];
    return rows.map((r) => ({
      name: r.name,
      namespace: r.namespace,
      serviceAccount: r.service_account,
      builtIn: false,
    }));
  }

  addAccount(clusterId: string, account: AccessAccount, now: number): void {
    this.db()
      .prepare(
        'INSERT INTO access_accounts (cluster_id, name, namespace, service_account, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(clusterId, account.name, account.namespace, account.serviceAccount, now);
  }

  insertSession(s: SessionRow): void {
    this.db()
      .prepare(
        `INSERT INTO access_sessions (id, cluster_id, cluster_name, account, service_account, actor, reason, started_at, expires_at, identity, record_exec)
         VALUES (@id, @clusterId, @clusterName, @account, @serviceAccount, @actor, @reason, @startedAt, @expiresAt, @identity, @recordExec)`,
      )
      .run({ ...s, recordExec: s.recordExec ? 1 : 0 });
  }

  endSession(id: string, at: number, reason: SessionEndReason): void {
    this.db()
      .prepare('UPDATE access_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL')
      .run(at, reason, id);
  }

  /** Appends requests in one transaction (the proxy batches them). */
  insertRequests(sessionId: string, requests: SessionRequest[]): void {
    const db = this.db();
    const insert = db.prepare(
      `INSERT INTO access_requests (session_id, at, method, path, verb, resource, namespace, name, status, latency_ms, bytes_in, bytes_out, command, exec_command, transcript)
       VALUES (@sessionId, @at, @method, @path, @verb, @resource, @namespace, @name, @status, @latencyMs, @bytesIn, @bytesOut, @command, @execCommand, @transcript)`,
    );
    db.transaction(() => {
      for (const r of requests)
        insert.run({
          ...r,
          sessionId,
          execCommand: r.execCommand ?? null,
          transcript: r.transcript ? JSON.stringify(r.transcript) : null,
        });
    })();
  }

  listSessions(limit: number): SessionSummary[] {
    const rows = this.db().prepare(`${SESSION_SELECT} ORDER BY s.started_at DESC LIMIT ?`).all(limit) as DbSession[];
    return rows.map(summary);
  }

  getSession(id: string): SessionSummary | undefined {
    const row = this.db().prepare(`${SESSION_SELECT} WHERE s.id = ?`).get(id) as DbSession | undefined;
    return row && summary(row);
  }

  findSessionByPrefix(prefix: string): SessionSummary[] {
    const rows = this.db()
      .prepare(`${SESSION_SELECT} WHERE s.id LIKE ? ORDER BY s.started_at DESC LIMIT 2`)
      .all(`${prefix.replace(/[%_]/g, '')}%`) as DbSession[];
    return rows.map(summary);
  }

  detail(id: string): SessionDetail | undefined {
    const s = this.getSession(id);
    if (!s) return undefined;
    const rows = this.db()
      .prepare('SELECT * FROM access_requests WHERE session_id = ? ORDER BY id')
      .all(id) as DbRequest[];
    return { ...s, requests: rows.map(request) };
  }

  /** Sessions the log shows live (some may be left by a process that died). */
  openSessions(): SessionSummary[] {
    const rows = this.db().prepare(`${SESSION_SELECT} WHERE s.ended_at IS NULL`).all() as DbSession[];
    return rows.map(summary);
  }
}
