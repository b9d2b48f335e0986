// Runs pending schema migrations in one transaction; refuses a vault written by a newer Strongroom.
import { AppError } from '../../../shared/errors';
import type { WritableDB } from '../db';

/** One step of the schema. `up` only changes the schema and data; the runner sets user_version. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: WritableDB) => void;
}

export interface MigrationOutcome {
  from: number;
  to: number;
  applied: number[];
}

/** A broken migration list is a bug in the code, not a user error. */
export function assertOrdered(migrations: readonly Migration[]): void {
  let last = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= last) {
      throw new Error(`Migration ${m.name} has version ${m.version}, which does not follow ${last}.`);
    }
    last = m.version;
  }
}

export function schemaVersion(db: WritableDB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the vault to the newest schema. Every pending migration and the new user_version commit
 * together, so a failure leaves the vault exactly as it was.
 */
export function runMigrations(db: WritableDB, migrations: readonly Migration[]): MigrationOutcome {
  assertOrdered(migrations);
  const from = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (from > newest) {
    throw new AppError(
      'unsupported',
      `This vault was written by a newer Strongroom (schema ${from}; this version knows up to ${newest}).`,
      'Update Strongroom to the newest version, then open the vault again.',
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, applied: [] };
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${newest}`);
  })();
  return { from, to: newest, applied: pending.map((m) => m.version) };
}
