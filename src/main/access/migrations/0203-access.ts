// Schema 203: just-in-time access accounts per cluster, sessions and the log of every request a session proxied.
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion203(db: WritableDB): void {
  db.exec(`
    CREATE TABLE access_accounts (
      id INTEGER PRIMARY KEY,
      cluster_id TEXT NOT NULL,
      name TEXT NOT NULL,
      namespace TEXT NOT NULL,
      service_account TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (cluster_id, name)
    );
    CREATE TABLE access_sessions (
      id TEXT PRIMARY KEY,
      cluster_id TEXT NOT NULL,
      cluster_name TEXT NOT NULL,
      account TEXT NOT NULL,
      service_account TEXT NOT NULL,
      actor TEXT NOT NULL,
      reason TEXT NOT NULL DEFAULT '',
      started_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      ended_at INTEGER,
      end_reason TEXT CHECK (end_reason IN ('ttl', 'user', 'command', 'lock', 'error', 'shutdown')),
      identity TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX access_sessions_started ON access_sessions (started_at DESC);
    CREATE TABLE access_requests (
      id INTEGER PRIMARY KEY,
      session_id TEXT NOT NULL REFERENCES access_sessions (id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      verb TEXT NOT NULL,
      resource TEXT NOT NULL DEFAULT '',
      namespace TEXT NOT NULL DEFAULT '',
      name TEXT NOT NULL DEFAULT '',
      status INTEGER NOT NULL,
      latency_ms REAL NOT NULL,
      bytes_in INTEGER NOT NULL,
      bytes_out INTEGER NOT NULL,
      command TEXT NOT NULL,
      exec_command TEXT
    );
    CREATE INDEX access_requests_session ON access_requests (session_id, id);
  `);
}
