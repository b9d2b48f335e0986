// The ordered list of every schema migration in the vault, across all domains. No auto-discovery.
import { updateToSchemaVersion10 } from '../../audit/migrations/0010-audit-log';
import { updateToSchemaVersion100 } from '../../clusters/migrations/0100-clusters';
import { updateToSchemaVersion202 } from '../../jobs/migrations/0202-job-journal';
import { updateToSchemaVersion200 } from '../../resources/migrations/0200-resources';
import { updateToSchemaVersion1 } from './0001-vault-meta';
import type { Migration } from './runner';

/*
 * How to add a migration:
 * 1. Create a file in your domain's folder named after the version and what it does, e.g.
 *    src/main/clusters/migrations/0100-clusters.ts, exporting
 *    `export function updateToSchemaVersion100(db: WritableDB): void { db.exec(`CREATE TABLE …`); }`.
 *    It only changes schema/data: the runner wraps all pending migrations in one transaction and
 *    sets user_version itself.
 * 2. Append one line to MIGRATIONS below. Versions must only increase; the runner refuses otherwise.
 *    Never edit or renumber a migration that has shipped: add a new one.
 * 3. Add a test beside it (e.g. 0100-clusters.test.ts) using `migratedTo()` from test/support/migrated-db.ts.
 * Ranges by convention: vault 1-9, audit 10-99, then 100 per domain (clusters 100, secrets 200, …).
 * Tables hold names and values of Secrets only encrypted at rest by the vault; never in another file.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'vault-meta', up: updateToSchemaVersion1 },
  { version: 10, name: 'audit-log', up: updateToSchemaVersion10 },
  { version: 100, name: 'clusters', up: updateToSchemaVersion100 },
  { version: 200, name: 'resources', up: updateToSchemaVersion200 },
  { version: 202, name: 'job-journal', up: updateToSchemaVersion202 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
