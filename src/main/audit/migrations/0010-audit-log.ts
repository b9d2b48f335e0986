// Schema 10: the append-only audit event table, its hash-chain head, and triggers that refuse edits.
import type { WritableDB } from '../../vault/db';

export function updateToSchemaVersion10(db: WritableDB): void {
  db.exec(`
    CREATE TABLE audit_events (
      seq INTEGER PRIMARY KEY,
      time INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT NOT NULL,
      outcome TEXT NOT NULL,
      details TEXT NOT NULL,
      prev TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_events_time ON audit_events(time);
    CREATE INDEX audit_events_action ON audit_events(action);
    -- No index on outcome: a handful of values, and 'failed' (outcome <> 'ok') could not use it.

    -- The last event's seq and hash, written in the same transaction as the event.
    CREATE TABLE audit_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      seq INTEGER NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;

    -- Append-only: the app never edits or deletes an event. The hash chain catches anyone who
    -- drops these triggers; they stop honest mistakes early.
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  `);
}
