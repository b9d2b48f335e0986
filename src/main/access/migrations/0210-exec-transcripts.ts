// Schema 210: a session can choose to transcribe exec streams; each exec request keeps its transcript (JSON, in the encrypted vault).
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion210(db: WritableDB): void {
  db.exec(`
    ALTER TABLE access_sessions ADD COLUMN record_exec INTEGER NOT NULL DEFAULT 0 CHECK (record_exec IN (0, 1));
    ALTER TABLE access_requests ADD COLUMN transcript TEXT;
  `);
}
