// Schema 204: public keys of secrets agents registered for sealed delivery, one per (cluster, namespace, agent).
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion204(db: WritableDB): void {
  db.exec(`
    CREATE TABLE agent_keys (
      id INTEGER PRIMARY KEY,
      cluster_id TEXT NOT NULL,
      namespace TEXT NOT NULL,
      agent TEXT NOT NULL,
      -- X25519 public key, SPKI PEM; key_id is the hex of the first 8 bytes of SHA-256 over its raw 32 bytes.
      public_key_pem TEXT NOT NULL,
      key_id TEXT NOT NULL,
      registered_at INTEGER NOT NULL,
      UNIQUE (cluster_id, namespace, agent)
    ) STRICT;
  `);
}
