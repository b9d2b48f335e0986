// Schema 1: facts about the vault itself (its id, creation time), used to check the key file matches the DB.
import type { WritableDB } from '../db';

export function updateToSchemaVersion1(db: WritableDB): void {
  db.exec(`
    CREATE TABLE vault_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `);
}
