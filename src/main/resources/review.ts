// Reads for the Resources view: resource list, the paged account table (sorted/filtered in SQL), detail, history, diff.
import { AppError } from '../../shared/errors';
import type {
  AccountDetail,
  AccountPage,
  AccountRow,
  DiffKey,
  ResourceSummary,
  VersionSummary,
} from '../../shared/ipc/resources';
import type { DecodedValue, DecodeView } from '../../shared/secrets';
import type { WritableDB } from '../vault/db';
import * as repo from './repo';
import { keySizes, visibleAnnotations } from './secret';

export interface AccountQuery {
  offset: number;
  limit: number;
  sort: {
    by: 'name' | 'resource' | 'namespace' | 'type' | 'keys' | 'size' | 'state' | 'lastSynced';
    dir: 'asc' | 'desc';
  };
  filter: {
    text?: string;
    clusterId?: string;
    resourceId?: number;
    state?: 'present' | 'deleted_in_cluster';
    type?: string;
  };
}

const SORT_COLUMNS: Record<AccountQuery['sort']['by'], string> = {
  name: 'a.name',
  resource: 'r.name',
  namespace: 'r.namespace',
  type: 'a.secret_type',
  keys: 'json_array_length(a.keys)',
  size: 'a.size',
  state: 'a.state',
  lastSynced: 'last_synced',
};

const ROW_SELECT = `SELECT a.id, a.resource_id, r.name AS resource_name, r.cluster_id, r.namespace, a.name, a.secret_type,
  json_array_length(a.keys) AS key_count, a.size, a.state, a.first_seen,
  -- A present account was confirmed by every sync of its resource since it was last written.
  CASE WHEN a.state = 'present' THEN max(a.last_synced, coalesce(r.last_synced, 0)) ELSE a.last_synced END AS last_synced
  FROM accounts a JOIN resources r ON r.id = a.resource_id`;

interface RowDb {
  id: number;
  resource_id: number;
  resource_name: string;
  cluster_id: string | null;
  namespace: string | null;
  name: string;
  secret_type: string;
  key_count: number;
  size: number;
  state: AccountRow['state'];
  first_seen: number;
  last_synced: number;
}

function toRow(r: RowDb): AccountRow {
  return {
    id: r.id,
    resourceId: r.resource_id,
    resourceName: r.resource_name,
    clusterId: r.cluster_id,
    namespace: r.namespace,
    name: r.name,
    type: r.secret_type,
    keyCount: r.key_count,
    size: r.size,
    state: r.state,
    firstSeen: r.first_seen,
    lastSynced: r.last_synced,
  };
}

export function listResources(db: WritableDB, clusterId?: string): ResourceSummary[] {
  const rows = db
    .prepare(
      `SELECT r.*, count(a.id) AS accounts, sum(a.state = 'deleted_in_cluster') AS deleted
       FROM resources r LEFT JOIN accounts a ON a.resource_id = r.id
       WHERE (@clusterId IS NULL OR r.cluster_id = @clusterId) GROUP BY r.id ORDER BY r.name`,
    )
    .all({ clusterId: clusterId ?? null }) as (repo.ResourceRow & { accounts: number; deleted: number | null })[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    clusterId: r.cluster_id,
    namespace: r.namespace,
    scope: r.scope,
    accounts: r.accounts,
    deleted: r.deleted ?? 0,
    lastSynced: r.last_synced,
  }));
}

/** One page of accounts. Sorting and filtering happen in SQL, so a 10k-row table costs one small query per page. */
export function listAccounts(db: WritableDB, q: AccountQuery): AccountPage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const f = q.filter;
  if (f.text) {
    where.push(
      "(a.name LIKE @text ESCAPE '\\' OR r.name LIKE @text ESCAPE '\\' OR r.namespace LIKE @text ESCAPE '\\')",
    );
    params.text = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (f.clusterId) {
    where.push('r.cluster_id = @clusterId');
    params.clusterId = f.clusterId;
  }
  if (f.resourceId) {
    where.push('a.resource_id = @resourceId');
    params.resourceId = f.resourceId;
  }
  if (f.state) {
    where.push('a.state = @state');
    params.state = f.state;
  }
  if (f.type) {
    where.push('a.secret_type = @type');
    params.type = f.type;
  }
  const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const dir = q.sort.dir === 'desc' ? 'DESC' : 'ASC';
  const order = ` ORDER BY ${SORT_COLUMNS[q.sort.by]} ${dir}, a.id ${dir}`;
  const total = (
    db
      .prepare(`SELECT count(*) AS n FROM accounts a JOIN resources r ON r.id = a.resource_id${clause}`)
      .get(params) as {
      n: number;
    }
  ).n;
  const rows = db
    .prepare(`${ROW_SELECT}${clause}${order} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as RowDb[];
  return { rows: rows.map(toRow), total, offset: q.offset };
}

/** A version, with the keys that changed since `previous` (the version before it, if the vault saw one). */
export function versionSummary(v: repo.VersionRowDb, previous?: repo.VersionRowDb): VersionSummary {
  return {
    id: v.id,
    seenAt: v.seen_at,
    resourceVersion: v.resource_version,
    changedBy: v.changed_by,
    keys: keySizes(JSON.parse(v.data) as Record<string, string>),
    changes: previous
      ? diffKeys(previous, v).flatMap((k) => (k.status === 'same' ? [] : [{ key: k.key, change: k.status }]))
      : null,
  };
}

/** Every version of an account, newest first, each with its changes since the one before. */
function versionSummaries(db: WritableDB, accountId: number): VersionSummary[] {
  const rows = repo.versionsOf(db, accountId);
  return rows.map((v, i) => versionSummary(v, rows[i + 1]));
}

export function requireAccount(db: WritableDB, accountId: number) {
  const a = repo.accountById(db, accountId);
  if (!a)
    throw new AppError(
      'not_found',
      'This account is no longer in the vault.',
      'Refresh the list; it may have been purged.',
    );
  return a;
}

export function accountDetail(db: WritableDB, accountId: number): AccountDetail {
  const a = requireAccount(db, accountId);
  const versions = versionSummaries(db, accountId);
  return {
    ...toRow(db.prepare(`${ROW_SELECT} WHERE a.id = ?`).get(accountId) as RowDb),
    uid: a.uid,
    resourceVersion: a.resource_version,
    createdAt: a.created_at,
    labels: JSON.parse(a.labels) as Record<string, string>,
    annotations: visibleAnnotations(JSON.parse(a.annotations) as Record<string, string>),
    keys: versions[0]?.keys ?? [],
    versions,
  };
}

export function history(db: WritableDB, accountId: number): VersionSummary[] {
  requireAccount(db, accountId);
  return versionSummaries(db, accountId);
}

/** The stored base64 of one key in one version (the newest by default). */
export function storedValue(db: WritableDB, accountId: number, key: string, versionId?: number) {
  const account = requireAccount(db, accountId);
  const version = repo.versionById(db, accountId, versionId);
  if (!version) throw new AppError('not_found', 'This version is not in the vault.');
  const data = JSON.parse(version.data) as Record<string, string>;
  if (!Object.hasOwn(data, key))
    throw new AppError('not_found', `The Secret has no key "${key.slice(0, 100)}" in this version.`);
  return { account, version, bytes: Buffer.from(data[key] as string, 'base64') };
}

/** Per-key comparison of two versions; `decode` is only called when values are to be revealed. */
export function diffKeys(
  from: repo.VersionRowDb,
  to: repo.VersionRowDb,
  decode?: (key: string, bytes: Buffer) => DecodedValue,
): DiffKey[] {
  const a = JSON.parse(from.data) as Record<string, string>;
  const b = JSON.parse(to.data) as Record<string, string>;
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
  return keys.map((key) => {
    const inA = Object.hasOwn(a, key);
    const inB = Object.hasOwn(b, key);
    const va = inA ? Buffer.from(a[key] as string, 'base64') : undefined;
    const vb = inB ? Buffer.from(b[key] as string, 'base64') : undefined;
    const status: DiffKey['status'] = !inA ? 'added' : !inB ? 'removed' : va?.equals(vb as Buffer) ? 'same' : 'changed';
    const out: DiffKey = { key, status, fromSize: va?.length ?? null, toSize: vb?.length ?? null };
    if (decode && status !== 'same') {
      if (va) out.from = decode(key, va);
      if (vb) out.to = decode(key, vb);
    }
    return out;
  });
}

export type { DecodeView };
