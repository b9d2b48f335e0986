// What the palette can find, read from the vault: saved clusters and every Secret's place and key names (no data).
import type { ClusterHit, SecretHit } from '../../shared/ipc/search';
import type { WritableDB } from '../vault/db';

/** One searchable thing; a Secret's `path` is `cluster/namespace/name`, the form users type, and `keys` its key names. */
export type CatalogEntry =
  | Omit<ClusterHit, 'score'>
  | (Omit<SecretHit, 'score' | 'key'> & { path: string; keys: string[] });

interface SecretRow {
  id: number;
  name: string;
  keys: string;
  namespace: string | null;
  cluster_id: string | null;
  cluster: string | null;
}

/** Reads the catalog in two queries; `accounts.keys` holds key names only, so no value is loaded. */
export function loadCatalog(db: WritableDB): CatalogEntry[] {
  const clusters = db.prepare('SELECT id, name FROM clusters ORDER BY name').all() as { id: string; name: string }[];
  const secrets = db
    .prepare(
      `SELECT a.id, a.name, a.keys, r.namespace, r.cluster_id, c.name AS cluster
       FROM accounts a JOIN resources r ON r.id = a.resource_id LEFT JOIN clusters c ON c.id = r.cluster_id`,
    )
    .all() as SecretRow[];
  return [
    ...clusters.map((c) => ({ kind: 'cluster' as const, clusterId: c.id, name: c.name })),
    ...secrets.map((s) => ({
      kind: 'secret' as const,
      accountId: s.id,
      clusterId: s.cluster_id,
      cluster: s.cluster,
      namespace: s.namespace,
      name: s.name,
      path: [s.cluster, s.namespace, s.name].filter(Boolean).join('/'),
      keys: JSON.parse(s.keys) as string[],
    })),
  ];
}

/** Changes whenever a Secret or cluster is added, removed, renamed or synced, so a cached index knows to rebuild. */
export function catalogStamp(db: WritableDB): string {
  const a = db.prepare('SELECT count(*) AS n, max(id) AS id, max(last_synced) AS at FROM accounts').get() as {
    n: number;
    id: number | null;
    at: number | null;
  };
  const c = db.prepare("SELECT group_concat(id || ':' || name, ',') AS names FROM clusters").get() as {
    names: string | null;
  };
  return `${a.n}|${a.id}|${a.at}|${c.names}`;
}
