// Schema 100: cluster records. The token and CA sit in the encrypted vault like everything else.
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion100(db: WritableDB): void {
  db.exec(`
    CREATE TABLE clusters (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      server TEXT NOT NULL,
      -- Trusted CA bundle (public certificates, PEM): the per-cluster trust store.
      ca_pem TEXT NOT NULL,
      -- The ServiceAccount token. Read only to talk to the cluster; never sent to the renderer.
      token TEXT NOT NULL,
      -- JSON ClusterOptions: namespaces, TLS server name, proxy, timeout, schedule, variant.
      options TEXT NOT NULL DEFAULT '{}',
      -- JSON {at, ok, serverVersion} of the last connection test, or NULL.
      last_test TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX clusters_name ON clusters (name COLLATE NOCASE);
  `);
}
