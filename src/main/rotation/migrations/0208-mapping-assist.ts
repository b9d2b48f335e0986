// Schema 208: dismissed mapping suggestions and mapping rules (namespace, Secret and key globs → an account).
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion208(db: WritableDB): void {
  db.exec(`
    -- A suggestion the user turned down: the same key is never offered for the same account again.
    CREATE TABLE mapping_dismissals (
      secret_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      target_account_id INTEGER NOT NULL REFERENCES target_accounts (id) ON DELETE CASCADE,
      dismissed_at INTEGER NOT NULL,
      PRIMARY KEY (secret_account_id, key, target_account_id)
    ) STRICT;

    -- Keys of Secrets whose namespace, name and key match these globs are mapped to the account at every fetch and sync.
    CREATE TABLE mapping_rules (
      id INTEGER PRIMARY KEY,
      namespace_glob TEXT NOT NULL,
      secret_glob TEXT NOT NULL,
      key_glob TEXT NOT NULL,
      target_account_id INTEGER NOT NULL REFERENCES target_accounts (id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      UNIQUE (namespace_glob, secret_glob, key_glob, target_account_id)
    ) STRICT;
  `);
}
