// Schema 207: the overview's precomputed findings (certificates, keyed hashes, weak values, last value change) and their backfill.
import { randomBytes } from 'node:crypto';
import type { WritableDB } from '../../vault/db';
import { backfillFindings } from '../precompute';

export function updateToSchemaVersion207(db: WritableDB): void {
  db.exec(`
    -- One row: the HMAC key of value hashes (it never leaves the vault) and the stale threshold from Settings.
    CREATE TABLE overview_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      hmac_key BLOB NOT NULL,
      stale_days INTEGER NOT NULL DEFAULT 90 CHECK (stale_days BETWEEN 1 AND 3650)
    ) STRICT;

    -- Per key of an account's newest version: its keyed hash (never the value) and why it is weak, if it is.
    CREATE TABLE overview_values (
      account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      hash BLOB NOT NULL,
      weak TEXT CHECK (weak IN ('short', 'low_entropy')),
      PRIMARY KEY (account_id, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX overview_values_hash ON overview_values (hash);
    CREATE INDEX overview_values_weak ON overview_values (weak) WHERE weak IS NOT NULL;

    -- Certificates found in the newest version: only what the overview shows.
    CREATE TABLE overview_certificates (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      subject TEXT NOT NULL,
      issuer TEXT NOT NULL,
      not_after INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX overview_certificates_account ON overview_certificates (account_id);
    CREATE INDEX overview_certificates_not_after ON overview_certificates (not_after);

    -- When an account's values last changed (from the value history; a label edit does not count).
    CREATE TABLE overview_changes (
      account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
      value_changed_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX overview_changes_at ON overview_changes (value_changed_at);
  `);
  db.prepare('INSERT INTO overview_settings (id, hmac_key) VALUES (1, ?)').run(randomBytes(32));
  // Vaults fetched before this schema get their findings once, here, never on a later open.
  backfillFindings(db);
}
