// Imports Secrets from an offline file into the vault: one resource per namespace, one account per Secret, a version per change.
import { createHash } from 'node:crypto';
import type { OfflineImportResult } from '../../shared/ipc/transfer';
import type { SecretRecord } from '../../shared/secrets';
import type { RawSecret } from '../kube/secret-types';
import type { WritableDB } from '../vault/db';
import { accountIndex, writeSecret } from './repo';

/**
 * A file's Secret has no resourceVersion of a live cluster: the file's own, or else one made from the
 * content, so that importing a changed file again records a new version and an identical one does not.
 */
function versionOf(secret: SecretRecord, data: Record<string, string>): string {
  if (secret.resourceVersion) return secret.resourceVersion;
  const hash = createHash('sha256')
    .update(JSON.stringify([secret.type, data]))
    .digest('hex');
  return `file:${hash.slice(0, 16)}`;
}

function toRaw(secret: SecretRecord): RawSecret {
  const data = Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return {
    type: secret.type,
    data,
    metadata: {
      name: secret.name,
      namespace: secret.namespace,
      labels: secret.labels,
      annotations: secret.annotations,
      resourceVersion: versionOf(secret, data),
      ...(secret.uid ? { uid: secret.uid } : {}),
      ...(secret.creationTimestamp ? { creationTimestamp: secret.creationTimestamp } : {}),
    },
  };
}

/** The imported resource `<namespace>-<name>` (no cluster), created on first import. */
function ensureFileResource(
  db: WritableDB,
  name: string,
  namespace: string,
  now: number,
): { id: number; name: string } {
  const resourceName = `${namespace || 'default'}-${name}`;
  const found = db
    .prepare("SELECT id, name FROM resources WHERE type = 'Kubernetes' AND cluster_id IS NULL AND name = ?")
    .get(resourceName) as { id: number; name: string } | undefined;
  if (found) return found;
  const id = db
    .prepare(
      "INSERT INTO resources (name, type, cluster_id, namespace, scope, created_at, last_synced) VALUES (?, 'Kubernetes', NULL, ?, 'selected', ?, ?)",
    )
    .run(resourceName, namespace || 'default', now, now).lastInsertRowid;
  return { id: Number(id), name: resourceName };
}

/** Writes the Secrets in one transaction: all of them land, or none. */
export function importFileSecrets(
  db: WritableDB,
  secrets: SecretRecord[],
  name: string,
  now: number,
): OfflineImportResult {
  return db.transaction(() => {
    const byResource = new Map<number, OfflineImportResult['resources'][number]>();
    // Each resource's existing accounts, read once per import rather than once per Secret.
    const indexes = new Map<number, ReturnType<typeof accountIndex>>();
    const written = new Set<string>();
    for (const secret of secrets) {
      const resource = ensureFileResource(db, name, secret.namespace, now);
      const entry = byResource.get(resource.id) ?? { ...resource, added: 0, changed: 0, unchanged: 0 };
      byResource.set(resource.id, entry);
      // A name the file repeats must find the account its first copy just added: read that index again.
      const stale = written.has(`${resource.id}/${secret.name}`);
      const index = (!stale && indexes.get(resource.id)) || accountIndex(db, resource.id);
      indexes.set(resource.id, index);
      written.add(`${resource.id}/${secret.name}`);
      const outcome = writeSecret(db, resource.id, index.get(secret.name), toRaw(secret), now);
      entry[outcome] += 1;
    }
    return { resources: [...byResource.values()] };
  })();
}
