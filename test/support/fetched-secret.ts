// Test helper: a fetched Secret written straight into a migrated vault DB, as fetch would leave it (two versions).
import type { WritableDB } from '../../src/main/vault/db';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** A fetched Secret in namespace `ns` of cluster c1, with an older version that must be ignored. */
export function seedFetchedSecret(db: WritableDB, ns: string, secret: string, data: Record<string, string>): number {
  const name = `${ns}-c1`;
  let resource = db.prepare('SELECT id FROM resources WHERE name = ?').get(name) as { id: number } | undefined;
  if (!resource) {
    const { lastInsertRowid } = db
      .prepare(
        "INSERT INTO resources (name, type, cluster_id, namespace, created_at) VALUES (?, 'Kubernetes', 'c1', ?, 1)",
      )
      .run(name, ns);
    resource = { id: Number(lastInsertRowid) };
  }
  const { lastInsertRowid } = db
    .prepare(
      "INSERT INTO accounts (resource_id, name, secret_type, resource_version, keys, first_seen, last_synced) VALUES (?, ?, 'Opaque', '1', ?, 1, 1)",
    )
    .run(resource.id, secret, JSON.stringify(Object.keys(data)));
  const version = db.prepare(
    "INSERT INTO secret_versions (account_id, seen_at, resource_version, data) VALUES (?, 1, '1', ?)",
  );
  version.run(lastInsertRowid, JSON.stringify(Object.fromEntries(Object.keys(data).map((k) => [k, b64('stale')]))));
  version.run(lastInsertRowid, JSON.stringify(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]))));
  return Number(lastInsertRowid);
}
