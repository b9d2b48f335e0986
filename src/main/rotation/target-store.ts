// Rotatable resources (PostgreSQL servers) and their accounts in the vault: add, look up, read what a rotation needs.
import { AppError } from '../../shared/errors';
import type { TargetAccountSummary, TargetResourceSummary } from '../../shared/ipc/mapping';
import type { ReadableDB, WritableDB } from '../vault/db';
import { DEFAULT_POLICY, type PasswordPolicy, policyAlphabets } from './password-policy';
import type { RotationTarget, TlsMode } from './rotator';

export interface PostgresResourceInput {
  name: string;
  host: string;
  port: number;
  database?: string;
  tlsMode: TlsMode;
  caPem?: string;
  adminUser: string;
  adminPassword: string;
  policy?: PasswordPolicy;
}

interface TargetRow {
  id: number;
  name: string;
  type: string;
  host: string;
  port: number;
  database: string | null;
  tls_mode: TlsMode;
  ca_pem: string | null;
  admin_user: string;
  admin_password: string;
  policy: string;
}

/** Everything a rotation of one account needs; holds passwords, so it never leaves main. */
export interface RotationSubject {
  resourceId: number;
  resource: string;
  /** The resource type, e.g. `PostgreSQL`; picks the rotator. */
  type: string;
  accountId: number;
  account: string;
  /** The password the vault holds now. */
  password: string;
  target: RotationTarget;
  policy: PasswordPolicy;
}

const TARGET_SELECT = `SELECT r.id, r.name, r.type, t.host, t.port, t.database, t.tls_mode, t.ca_pem, t.admin_user, t.admin_password, t.policy
  FROM resources r JOIN rotation_targets t ON t.resource_id = r.id`;

function summary(row: TargetRow): TargetResourceSummary {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    host: row.host,
    port: row.port,
    database: row.database,
    tlsMode: row.tls_mode,
    adminUser: row.admin_user,
  };
}

function targetRow(db: ReadableDB, resource: string): TargetRow {
  const row = db.prepare(`${TARGET_SELECT} WHERE r.name = ?`).get(resource) as TargetRow | undefined;
  if (!row) {
    throw new AppError(
      'not_found',
      `There is no rotatable resource named "${resource}".`,
      'Add it with `strongroom resource add-postgres`.',
    );
  }
  return row;
}

/** Saves a PostgreSQL server as a resource; names are unique across every resource type. */
export function addPostgresResource(db: WritableDB, input: PostgresResourceInput, now: number): TargetResourceSummary {
  if (input.tlsMode === 'verify-full' && !input.caPem) {
    throw new AppError(
      'invalid_input',
      'TLS mode verify-full needs the CA that signed the server certificate.',
      'Give --ca FILE.',
    );
  }
  const policy = input.policy ?? DEFAULT_POLICY;
  policyAlphabets(policy);
  if (db.prepare('SELECT 1 FROM resources WHERE name = ?').get(input.name)) {
    throw new AppError('already_exists', `A resource named "${input.name}" already exists.`, 'Choose another --name.');
  }
  return db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare(
        "INSERT INTO resources (name, type, cluster_id, namespace, scope, created_at) VALUES (?, 'PostgreSQL', NULL, NULL, 'selected', ?)",
      )
      .run(input.name, now);
    db.prepare(
      `INSERT INTO rotation_targets (resource_id, host, port, database, tls_mode, ca_pem, admin_user, admin_password, policy)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      lastInsertRowid,
      input.host,
      input.port,
      input.database ?? null,
      input.tlsMode,
      input.caPem ?? null,
      input.adminUser,
      input.adminPassword,
      JSON.stringify(policy),
    );
    return summary(targetRow(db, input.name));
  })();
}

/** Saves a database account and its current password under a rotatable resource. */
export function addTargetAccount(
  db: WritableDB,
  resource: string,
  account: string,
  password: string,
  now: number,
): TargetAccountSummary {
  const row = targetRow(db, resource);
  if (db.prepare('SELECT 1 FROM target_accounts WHERE resource_id = ? AND name = ?').get(row.id, account)) {
    throw new AppError('already_exists', `"${resource}" already has an account "${account}".`);
  }
  const { lastInsertRowid } = db
    .prepare('INSERT INTO target_accounts (resource_id, name, password, created_at) VALUES (?, ?, ?, ?)')
    .run(row.id, account, password, now);
  return { id: Number(lastInsertRowid), resource, name: account, rotatedAt: null };
}

/** The id of account `resource/account`, or not_found. */
export function targetAccountId(db: ReadableDB, resource: string, account: string): number {
  const row = targetRow(db, resource);
  const found = db.prepare('SELECT id FROM target_accounts WHERE resource_id = ? AND name = ?').get(row.id, account) as
    | { id: number }
    | undefined;
  if (!found) {
    throw new AppError(
      'not_found',
      `"${resource}" has no account "${account}".`,
      `Add it with \`strongroom account add ${resource} ${account} --password-stdin\`.`,
    );
  }
  return found.id;
}

/** Reads what rotating `resource/account` needs, passwords included. */
export function rotationSubject(db: ReadableDB, resource: string, account: string): RotationSubject {
  const row = targetRow(db, resource);
  const accountId = targetAccountId(db, resource, account);
  const { password } = db.prepare('SELECT password FROM target_accounts WHERE id = ?').get(accountId) as {
    password: string;
  };
  const target: RotationTarget = {
    host: row.host,
    port: row.port,
    tlsMode: row.tls_mode,
    adminUser: row.admin_user,
    adminPassword: row.admin_password,
    ...(row.database ? { database: row.database } : {}),
    ...(row.ca_pem ? { caPem: row.ca_pem } : {}),
  };
  return {
    resourceId: row.id,
    resource,
    type: row.type,
    accountId,
    account,
    password,
    target,
    policy: JSON.parse(row.policy) as PasswordPolicy,
  };
}

/** Stores an account's new password once the target accepted it. */
export function setTargetPassword(db: WritableDB, accountId: number, password: string, now: number): void {
  db.prepare('UPDATE target_accounts SET password = ?, rotated_at = ? WHERE id = ?').run(password, now, accountId);
}

/** A resource's password policy. */
export function getPolicy(db: ReadableDB, resource: string): PasswordPolicy {
  return JSON.parse(targetRow(db, resource).policy) as PasswordPolicy;
}

/** Changes a resource's password policy (fields left out keep their value) after checking that it can make a password. */
export function setPolicy(db: WritableDB, resource: string, change: Partial<PasswordPolicy>): PasswordPolicy {
  const row = targetRow(db, resource);
  const policy = { ...(JSON.parse(row.policy) as PasswordPolicy), ...change };
  const clean = { length: policy.length, classes: [...new Set(policy.classes)], excluded: policy.excluded };
  policyAlphabets(clean);
  db.prepare('UPDATE rotation_targets SET policy = ? WHERE resource_id = ?').run(JSON.stringify(clean), row.id);
  return clean;
}

/** Every account of a rotatable resource with its policy and how many Secret keys hold its password. */
export function listTargetAccounts(
  db: ReadableDB,
): (TargetAccountSummary & { type: string; policy: PasswordPolicy; mappedKeys: number })[] {
  const rows = db
    .prepare(
      `SELECT ta.id, r.name AS resource, r.type, ta.name, ta.rotated_at, t.policy,
         (SELECT count(*) FROM key_mappings m WHERE m.target_account_id = ta.id) AS mapped
       FROM target_accounts ta JOIN rotation_targets t ON t.resource_id = ta.resource_id JOIN resources r ON r.id = ta.resource_id
       ORDER BY r.name, ta.name`,
    )
    .all() as {
    id: number;
    resource: string;
    type: string;
    name: string;
    rotated_at: number | null;
    policy: string;
    mapped: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    resource: r.resource,
    name: r.name,
    type: r.type,
    rotatedAt: r.rotated_at,
    policy: JSON.parse(r.policy) as PasswordPolicy,
    mappedKeys: r.mapped,
  }));
}
