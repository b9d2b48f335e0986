// The resource/account store: typed reads and writes over the vault's resources, accounts and secret_versions tables.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RawSecret } from '../kube/secret-types';
import type { WritableDB } from '../vault/db';
import { changedBy, keySizes } from './secret';
import { versionsWritten, type WrittenVersion } from './version-hooks';

export interface ResourceRow {
  id: number;
  name: string;
  type: string;
  cluster_id: string | null;
  namespace: string | null;
  scope: 'namespace' | 'selected';
  created_at: number;
  last_synced: number | null;
}

/** What sync needs to compare an account with the cluster. */
export interface AccountIndexRow {
  id: number;
  name: string;
  resource_version: string;
  state: 'present' | 'deleted_in_cluster';
}

export interface AccountRowDb {
  id: number;
  resource_id: number;
  name: string;
  secret_type: string;
  labels: string;
  annotations: string;
  resource_version: string;
  uid: string | null;
  keys: string;
  size: number;
  created_at: string | null;
  state: 'present' | 'deleted_in_cluster';
  first_seen: number;
  last_synced: number;
}

export interface VersionRowDb {
  id: number;
  account_id: number;
  seen_at: number;
  resource_version: string;
  changed_by: string | null;
  data: string;
}

type Stmts = ReturnType<typeof prepare>;
const cache = new WeakMap<WritableDB, Stmts>();

function prepare(db: WritableDB) {
  return {
    resourceByNs: db.prepare(
      "SELECT * FROM resources WHERE type = 'Kubernetes' AND cluster_id = ? AND namespace = ?",
    ) as Database.Statement<[string, string], ResourceRow>,
    insertResource: db.prepare(
      "INSERT INTO resources (name, type, cluster_id, namespace, scope, created_at) VALUES (?, 'Kubernetes', ?, ?, ?, ?)",
    ),
    setScope: db.prepare('UPDATE resources SET scope = ? WHERE id = ?'),
    resourceSynced: db.prepare('UPDATE resources SET last_synced = ? WHERE id = ?'),
    index: db.prepare(
      'SELECT id, name, resource_version, state FROM accounts WHERE resource_id = ?',
    ) as Database.Statement<[number], AccountIndexRow>,
    insertAccount: db.prepare(
      `INSERT INTO accounts (resource_id, name, secret_type, labels, annotations, resource_version, uid, keys, size, created_at, state, first_seen, last_synced)
       VALUES (@resource_id, @name, @secret_type, @labels, @annotations, @resource_version, @uid, @keys, @size, @created_at, 'present', @now, @now)`,
    ),
    updateAccount: db.prepare(
      `UPDATE accounts SET secret_type = @secret_type, labels = @labels, annotations = @annotations, resource_version = @resource_version,
       uid = @uid, keys = @keys, size = @size, created_at = @created_at, state = 'present', last_synced = @now WHERE id = @id`,
    ),
    insertVersion: db.prepare(
      'INSERT INTO secret_versions (account_id, seen_at, resource_version, changed_by, data) VALUES (?, ?, ?, ?, ?)',
    ),
    markDeleted: db.prepare("UPDATE accounts SET state = 'deleted_in_cluster', last_synced = ? WHERE id = ?"),
  };
}

function stmts(db: WritableDB): Stmts {
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

export function resourceFor(db: WritableDB, clusterId: string, namespace: string): ResourceRow | undefined {
  return stmts(db).resourceByNs.get(clusterId, namespace);
}

export function resourcesOfCluster(db: WritableDB, clusterId: string): ResourceRow[] {
  return db
    .prepare("SELECT * FROM resources WHERE type = 'Kubernetes' AND cluster_id = ? ORDER BY namespace")
    .all(clusterId) as ResourceRow[];
}

/** The resource `<namespace>-<cluster>`, created on first fetch; a namespace fetch widens a `selected` one. */
export function ensureResource(
  db: WritableDB,
  r: { clusterId: string; clusterName: string; namespace: string; scope: 'namespace' | 'selected'; now: number },
): ResourceRow {
  const s = stmts(db);
  const found = s.resourceByNs.get(r.clusterId, r.namespace);
  if (found) {
    if (found.scope === 'selected' && r.scope === 'namespace') {
      s.setScope.run('namespace', found.id);
      return { ...found, scope: 'namespace' };
    }
    return found;
  }
  s.insertResource.run(`${r.namespace}-${r.clusterName}`, r.clusterId, r.namespace, r.scope, r.now);
  return s.resourceByNs.get(r.clusterId, r.namespace) as ResourceRow;
}

export function accountIndex(db: WritableDB, resourceId: number): Map<string, AccountIndexRow> {
  const out = new Map<string, AccountIndexRow>();
  for (const row of stmts(db).index.iterate(resourceId)) out.set(row.name, row);
  return out;
}

export type WriteOutcome = 'added' | 'changed' | 'unchanged';

/** Writes one Secret; a new version (if any) is added to `written` for the version listeners. */
function writeOne(
  s: Stmts,
  resourceId: number,
  existing: AccountIndexRow | undefined,
  secret: RawSecret,
  now: number,
  written: WrittenVersion[],
): WriteOutcome {
  const m = secret.metadata ?? {};
  const rv = m.resourceVersion ?? '';
  if (existing && existing.resource_version === rv && existing.state === 'present') return 'unchanged';
  const keys = keySizes(secret.data);
  const row = {
    resource_id: resourceId,
    name: m.name ?? '',
    secret_type: secret.type ?? 'Opaque',
    labels: JSON.stringify(m.labels ?? {}),
    annotations: JSON.stringify(m.annotations ?? {}),
    resource_version: rv,
    uid: m.uid ?? null,
    keys: JSON.stringify(keys.map((k) => k.name)),
    size: keys.reduce((n, k) => n + k.size, 0),
    created_at: m.creationTimestamp ?? null,
    now,
  };
  let id: number;
  if (existing) {
    s.updateAccount.run({ ...row, id: existing.id });
    id = existing.id;
  } else id = Number(s.insertAccount.run(row).lastInsertRowid);
  s.insertVersion.run(id, now, rv, changedBy(m), JSON.stringify(secret.data ?? {}));
  written.push({ accountId: id, data: secret.data ?? {}, at: now });
  return existing ? 'changed' : 'added';
}

/**
 * Writes Secrets seen in the cluster (distinct names of one resource, `index` its accounts by name): a new
 * account, or an update plus a new version when its resourceVersion moved. Domains above (the overview)
 * precompute from the new versions here, once for the whole batch, so opening them never scans values.
 */
export function writeSecrets(
  db: WritableDB,
  resourceId: number,
  index: ReadonlyMap<string, AccountIndexRow>,
  secrets: readonly RawSecret[],
  now: number,
): WriteOutcome[] {
  const s = stmts(db);
  const written: WrittenVersion[] = [];
  const outcomes = secrets.map((secret) =>
    writeOne(s, resourceId, index.get(secret.metadata?.name ?? ''), secret, now, written),
  );
  versionsWritten(db, written);
  return outcomes;
}

/** Writes one Secret as writeSecrets does; `existing` is its account, if it has one. */
export function writeSecret(
  db: WritableDB,
  resourceId: number,
  existing: AccountIndexRow | undefined,
  secret: RawSecret,
  now: number,
): WriteOutcome {
  const written: WrittenVersion[] = [];
  const outcome = writeOne(stmts(db), resourceId, existing, secret, now, written);
  versionsWritten(db, written);
  return outcome;
}

export function markDeleted(db: WritableDB, accountId: number, now: number): void {
  stmts(db).markDeleted.run(now, accountId);
}

/** Marks a resource synced; its present accounts count as synced then too (see review's lastSynced). */
export function finishResource(db: WritableDB, resourceId: number, now: number): void {
  stmts(db).resourceSynced.run(now, resourceId);
}

/** Present accounts per resource of a cluster. */
export function presentCounts(db: WritableDB, clusterId: string): Map<number, number> {
  const rows = db
    .prepare(
      "SELECT a.resource_id AS id, count(*) AS n FROM accounts a JOIN resources r ON r.id = a.resource_id WHERE r.cluster_id = ? AND a.state = 'present' GROUP BY a.resource_id",
    )
    .all(clusterId) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

export function listRv(db: WritableDB, clusterId: string): string | undefined {
  const row = db.prepare('SELECT list_rv FROM sync_state WHERE cluster_id = ?').get(clusterId) as
    | { list_rv: string | null }
    | undefined;
  return row?.list_rv ?? undefined;
}

/** Records (or, with undefined, forgets) the cluster resourceVersion at which every resource was last fully synced. */
export function setListRv(db: WritableDB, clusterId: string, rv: string | undefined, now: number): void {
  db.prepare(
    'INSERT INTO sync_state (cluster_id, list_rv, synced_at) VALUES (?, ?, ?) ON CONFLICT(cluster_id) DO UPDATE SET list_rv = excluded.list_rv, synced_at = excluded.synced_at',
  ).run(clusterId, rv ?? null, now);
}

export function accountById(
  db: WritableDB,
  id: number,
): (AccountRowDb & { namespace: string | null; cluster_id: string | null; resource_name: string }) | undefined {
  return db
    .prepare(
      'SELECT a.*, r.namespace, r.cluster_id, r.name AS resource_name FROM accounts a JOIN resources r ON r.id = a.resource_id WHERE a.id = ?',
    )
    .get(id) as
    | (AccountRowDb & { namespace: string | null; cluster_id: string | null; resource_name: string })
    | undefined;
}

export function versionsOf(db: WritableDB, accountId: number): VersionRowDb[] {
  return db
    .prepare('SELECT * FROM secret_versions WHERE account_id = ? ORDER BY id DESC')
    .all(accountId) as VersionRowDb[];
}

export function versionById(db: WritableDB, accountId: number, versionId?: number): VersionRowDb | undefined {
  if (versionId === undefined) {
    return db.prepare('SELECT * FROM secret_versions WHERE account_id = ? ORDER BY id DESC LIMIT 1').get(accountId) as
      | VersionRowDb
      | undefined;
  }
  return db.prepare('SELECT * FROM secret_versions WHERE account_id = ? AND id = ?').get(accountId, versionId) as
    | VersionRowDb
    | undefined;
}

/** Deletes accounts marked deleted in cluster (with their versions, by cascade). */
export function purgeDeleted(db: WritableDB, filter: { clusterId?: string; accountIds?: number[] }): number {
  return db.transaction(() => {
    let n = 0;
    if (filter.accountIds) {
      const del = db.prepare("DELETE FROM accounts WHERE id = ? AND state = 'deleted_in_cluster'");
      for (const id of filter.accountIds) n += del.run(id).changes;
    } else if (filter.clusterId) {
      n += db
        .prepare(
          "DELETE FROM accounts WHERE state = 'deleted_in_cluster' AND resource_id IN (SELECT id FROM resources WHERE cluster_id = ?)",
        )
        .run(filter.clusterId).changes;
    }
    return n;
  })();
}
