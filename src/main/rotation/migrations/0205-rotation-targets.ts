// Schema 205: servers whose passwords Strongroom rotates (PostgreSQL first), their accounts, and Secret keys mapped to them.
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion205(db: WritableDB): void {
  db.exec(`
    -- One row per resource of a rotatable type; the resource row itself (name, type) lives in resources.
    CREATE TABLE rotation_targets (
      resource_id INTEGER PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
      host TEXT NOT NULL,
      port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
      database TEXT,
      tls_mode TEXT NOT NULL CHECK (tls_mode IN ('disable', 'require', 'verify-full')),
      ca_pem TEXT,
      admin_user TEXT NOT NULL,
      admin_password TEXT NOT NULL,
      -- JSON PasswordPolicy: length, classes, excluded characters.
      policy TEXT NOT NULL
    ) STRICT;

    -- A database user and its current password (the vault encrypts the whole file at rest).
    CREATE TABLE target_accounts (
      id INTEGER PRIMARY KEY,
      resource_id INTEGER NOT NULL REFERENCES rotation_targets (resource_id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      password TEXT NOT NULL,
      -- During a rotation: the new password, saved before the target changes it, so a crash never loses it.
      pending_password TEXT,
      -- The password before the last rotation, kept until that rotation completes (for roll back).
      previous_password TEXT,
      created_at INTEGER NOT NULL,
      rotated_at INTEGER,
      UNIQUE (resource_id, name)
    ) STRICT;

    -- Secret key → account. Many keys may map to one account; a key maps to at most one account.
    -- template: e.g. postgres://{user}:{password}@host/db, so the key is rewritten as a whole.
    CREATE TABLE key_mappings (
      id INTEGER PRIMARY KEY,
      secret_account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      target_account_id INTEGER NOT NULL REFERENCES target_accounts (id) ON DELETE CASCADE,
      template TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE (secret_account_id, key)
    ) STRICT;
    CREATE INDEX key_mappings_target ON key_mappings (target_account_id);
  `);
}
