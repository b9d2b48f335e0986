// What an export of the vault reads: the newest version of each account of an account, a resource or a cluster.
import type { AuditCatalog } from '../../shared/audit-catalog';
import { AppError } from '../../shared/errors';
import type { SecretRecord } from '../../shared/secrets';
import type { WritableDB } from '../vault/db';
import { toSecretRecord } from './secret';

export type ExportTarget =
  | { kind: 'account'; accountId: number }
  | { kind: 'resource'; resourceId: number }
  | { kind: 'cluster'; clusterId: string };

const SELECT = `SELECT r.namespace, a.name, a.secret_type, a.labels, a.annotations,
  (SELECT v.data FROM secret_versions v WHERE v.account_id = a.id ORDER BY v.id DESC LIMIT 1) AS data
  FROM accounts a JOIN resources r ON r.id = a.resource_id`;

interface Row {
  namespace: string | null;
  name: string;
  secret_type: string;
  labels: string;
  annotations: string;
  data: string | null;
}

/** The newest version of each targeted account as SecretRecords, and how the audit log names the source. */
export function secretsFor(
  db: WritableDB,
  target: ExportTarget,
  includeDeleted = false,
): { secrets: SecretRecord[]; source: AuditCatalog['secret.export'] } {
  const state = includeDeleted ? '' : " AND a.state = 'present'";
  let rows: Row[];
  let source: AuditCatalog['secret.export'];
  if (target.kind === 'account') {
    rows = db.prepare(`${SELECT} WHERE a.id = ?`).all(target.accountId) as Row[];
    source = `account ${rows[0] ? `${rows[0].namespace}/${rows[0].name}` : target.accountId}`;
  } else if (target.kind === 'resource') {
    rows = db.prepare(`${SELECT} WHERE a.resource_id = ?${state} ORDER BY a.name`).all(target.resourceId) as Row[];
    const r = db.prepare('SELECT name FROM resources WHERE id = ?').get(target.resourceId) as
      | { name: string }
      | undefined;
    if (!r) throw new AppError('not_found', 'This resource is not in the vault.');
    source = `resource ${r.name}`;
  } else {
    rows = db
      .prepare(`${SELECT} WHERE r.cluster_id = ?${state} ORDER BY r.namespace, a.name`)
      .all(target.clusterId) as Row[];
    source = `cluster ${target.clusterId}`;
  }
  if (rows.length === 0)
    throw new AppError('not_found', 'There is nothing to export: no accounts match.', 'Fetch the Secrets first.');
  return { secrets: rows.map((row) => toSecretRecord({ ...row, data: row.data ?? '{}' })), source };
}
