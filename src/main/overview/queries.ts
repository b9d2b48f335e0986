// The overview's SQL: each finding list is one indexed query over what sync precomputed; no value is read.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ClusterId } from '../../shared/clusters';
import type { WritableDB } from '../vault/db';

/** Columns that place a finding: its Secret, namespace and cluster. */
const PLACE = `a.id AS accountId, r.cluster_id AS clusterId, coalesce(c.name, r.cluster_id, '') AS cluster,
  coalesce(r.namespace, '') AS namespace, a.name AS secret`;
const JOIN_PLACE = `JOIN accounts a ON a.id = f.account_id AND a.state = 'present'
  JOIN resources r ON r.id = a.resource_id LEFT JOIN clusters c ON c.id = r.cluster_id`;

export interface PlaceRow {
  accountId: number;
  clusterId: ClusterId | null;
  cluster: string;
  namespace: string;
  secret: string;
}

type Stmts = ReturnType<typeof prepare>;
const cache = new WeakMap<WritableDB, Stmts>();

function prepare(db: WritableDB) {
  return {
    settings: db.prepare(
      'SELECT hmac_key AS key, stale_days AS staleDays FROM overview_settings WHERE id = 1',
    ) as Database.Statement<[], { key: Buffer; staleDays: number }>,
    setStaleDays: db.prepare('UPDATE overview_settings SET stale_days = ? WHERE id = 1'),
    clusters: db.prepare(`SELECT c.id, c.name,
        (SELECT count(*) FROM resources r JOIN accounts a ON a.resource_id = r.id AND a.state = 'present'
          WHERE r.cluster_id = c.id) AS secrets,
        (SELECT max(r.last_synced) FROM resources r WHERE r.cluster_id = c.id) AS resourcesSynced
      FROM clusters c ORDER BY c.name COLLATE NOCASE`) as Database.Statement<
      [],
      { id: ClusterId; name: string; secrets: number; resourcesSynced: number | null }
    >,
    jobs: db.prepare(`SELECT state, error_code AS errorCode, coalesce(finished_at, updated_at) AS at FROM jobs
      WHERE kind IN ('fetch', 'sync') AND state IN ('done', 'failed') AND json_extract(params, '$.clusterId') = ?
      ORDER BY started_at DESC LIMIT 100`) as Database.Statement<
      [string],
      { state: string; errorCode: string | null; at: number }
    >,
    certificates: db.prepare(`SELECT ${PLACE}, f.key, f.subject, f.issuer, f.not_after AS notAfter
      FROM overview_certificates f ${JOIN_PLACE} ORDER BY f.not_after, a.id`) as Database.Statement<
      [],
      PlaceRow & { key: string; subject: string; issuer: string; notAfter: number }
    >,
    // Certificates are public and shared on purpose; the empty value says nothing: neither is a reuse finding.
    reused: db.prepare(`WITH dup AS (
        SELECT f.hash FROM overview_values f JOIN accounts a ON a.id = f.account_id AND a.state = 'present'
        WHERE f.hash <> ? AND NOT EXISTS (SELECT 1 FROM overview_certificates oc WHERE oc.account_id = f.account_id AND oc.key = f.key)
        GROUP BY f.hash HAVING count(DISTINCT f.account_id) > 1)
      SELECT f.hash, ${PLACE}, f.key FROM overview_values f JOIN dup ON dup.hash = f.hash ${JOIN_PLACE}
      ORDER BY f.hash, cluster, namespace, secret, f.key`) as Database.Statement<
      [Buffer],
      PlaceRow & { hash: Buffer; key: string }
    >,
    weak: db.prepare(`SELECT ${PLACE}, f.key, f.weak AS reason FROM overview_values f ${JOIN_PLACE}
      WHERE f.weak IS NOT NULL ORDER BY cluster, namespace, secret, f.key`) as Database.Statement<
      [],
      PlaceRow & { key: string; reason: 'short' | 'low_entropy' }
    >,
    stale: db.prepare(`SELECT ${PLACE}, f.value_changed_at AS changedAt FROM overview_changes f ${JOIN_PLACE}
      WHERE f.value_changed_at < ? ORDER BY f.value_changed_at, a.id`) as Database.Statement<
      [number],
      PlaceRow & { changedAt: number }
    >,
    activity: db.prepare(
      'SELECT time / 86400000 AS day, count(*) AS events FROM audit_events WHERE time >= ? GROUP BY day',
    ) as Database.Statement<[number], { day: number; events: number }>,
  };
}

export function queries(db: WritableDB): Stmts {
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}
