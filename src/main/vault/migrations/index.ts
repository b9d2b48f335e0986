// The ordered list of every schema migration in the vault, across all domains. No auto-discovery.
import { updateToSchemaVersion203 } from '../../access/migrations/0203-access';
import { updateToSchemaVersion210 } from '../../access/migrations/0210-exec-transcripts';
import { updateToSchemaVersion204 } from '../../agent/migrations/0204-agent-keys';
import { updateToSchemaVersion10 } from '../../audit/migrations/0010-audit-log';
import { updateToSchemaVersion100 } from '../../clusters/migrations/0100-clusters';
import { updateToSchemaVersion202 } from '../../jobs/migrations/0202-job-journal';
import { updateToSchemaVersion207 } from '../../overview/migrations/0207-overview';
import { updateToSchemaVersion211 } from '../../overview/migrations/0211-overview-short-hashes';
import { updateToSchemaVersion200 } from '../../resources/migrations/0200-resources';
import { updateToSchemaVersion205 } from '../../rotation/migrations/0205-rotation-targets';
import { updateToSchemaVersion208 } from '../../rotation/migrations/0208-mapping-assist';
import { updateToSchemaVersion209 } from '../../rotation/migrations/0209-rotation-journal';
import { updateToSchemaVersion1 } from './0001-vault-meta';
import type { Migration } from './runner';

/*
 * How to add a migration:
 * 1. Take the next number of the one global sequence: the newest version below plus one, whatever
 *    the domain (the next is 201). There are no per-domain ranges: the runner applies only versions
 *    above a vault's user_version, so a version slotted in below the newest would never run on a
 *    vault that is already past it.
 * 2. Create a file in your domain's folder named after the version and what it does, e.g.
 *    src/main/clusters/migrations/0201-cluster-labels.ts, exporting
 *    `export function updateToSchemaVersion201(db: WritableDB): void { db.exec(`CREATE TABLE …`); }`.
 *    It only changes schema/data: the runner wraps all pending migrations in one transaction and
 *    sets user_version itself.
 * 3. Append one line at the END of MIGRATIONS, and add it to the pin in ./shipped.test.ts. Versions
 *    must strictly increase; the runner refuses otherwise. Never edit or renumber a migration that
 *    has shipped: add a new one.
 * 4. Add a test beside it (e.g. 0201-cluster-labels.test.ts) using `migratedTo()` from test/support/migrated-db.ts.
 * Tables hold names and values of Secrets only encrypted at rest by the vault; never in another file.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'vault-meta', up: updateToSchemaVersion1 },
  { version: 10, name: 'audit-log', up: updateToSchemaVersion10 },
  { version: 100, name: 'clusters', up: updateToSchemaVersion100 },
  { version: 200, name: 'resources', up: updateToSchemaVersion200 },
  { version: 202, name: 'job-journal', up: updateToSchemaVersion202 },
  { version: 203, name: 'access', up: updateToSchemaVersion203 },
  { version: 204, name: 'agent-keys', up: updateToSchemaVersion204 },
  { version: 205, name: 'rotation-targets', up: updateToSchemaVersion205 },
  { version: 207, name: 'overview', up: updateToSchemaVersion207 },
  { version: 208, name: 'mapping-assist', up: updateToSchemaVersion208 },
  { version: 209, name: 'rotation-journal', up: updateToSchemaVersion209 },
  { version: 210, name: 'exec-transcripts', up: updateToSchemaVersion210 },
  { version: 211, name: 'overview-short-hashes', up: updateToSchemaVersion211 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
