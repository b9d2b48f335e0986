// Schema 200: Kubernetes resources (one per namespace and cluster), their accounts (one per Secret) and every version sync saw.
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion200(db: WritableDB): void {
  db.exec(`
    CREATE TABLE resources (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      cluster_id TEXT,
      namespace TEXT,
      -- 'namespace': sync follows the whole namespace; 'selected': only the Secrets picked at fetch.
      scope TEXT NOT NULL DEFAULT 'namespace' CHECK (scope IN ('namespace', 'selected')),
      created_at INTEGER NOT NULL,
      last_synced INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX resources_cluster_namespace ON resources (cluster_id, namespace) WHERE type = 'Kubernetes';
    CREATE INDEX resources_name ON resources (name);

    CREATE TABLE accounts (
      id INTEGER PRIMARY KEY,
      resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      secret_type TEXT NOT NULL,
      labels TEXT NOT NULL DEFAULT '{}',
      annotations TEXT NOT NULL DEFAULT '{}',
      resource_version TEXT NOT NULL,
      uid TEXT,
      -- JSON array of the data keys in source order.
      keys TEXT NOT NULL DEFAULT '[]',
      size INTEGER NOT NULL DEFAULT 0,
      created_at TEXT,
      state TEXT NOT NULL DEFAULT 'present' CHECK (state IN ('present', 'deleted_in_cluster')),
      first_seen INTEGER NOT NULL,
      last_synced INTEGER NOT NULL,
      UNIQUE (resource_id, name)
    ) STRICT;
    CREATE INDEX accounts_name ON accounts (name);

    -- data: the Secret's data map exactly as the API served it ({"key": "<base64>"}), byte-exact.
    CREATE TABLE secret_versions (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      seen_at INTEGER NOT NULL,
      resource_version TEXT NOT NULL,
      changed_by TEXT,
      data TEXT NOT NULL
    ) STRICT;
    CREATE INDEX secret_versions_account ON secret_versions (account_id, id);

    -- The cluster-wide list resourceVersion of the last complete sync, for the no-change short-circuit.
    CREATE TABLE sync_state (
      cluster_id TEXT PRIMARY KEY,
      list_rv TEXT,
      synced_at INTEGER
    ) STRICT;

    CREATE TABLE sync_schedules (
      cluster_id TEXT PRIMARY KEY,
      cron TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      last_run INTEGER,
      last_outcome TEXT
    ) STRICT;
  `);
}
