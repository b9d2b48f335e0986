// Secret key → account mappings in the vault (Associate Secrets, Mapped Resource Details), with templates checked on the way in.
import { AppError } from '../../shared/errors';
import type { MappingSummary } from '../../shared/ipc/mapping';
import type { ReadableDB, WritableDB } from '../vault/db';
import { targetAccountId } from './target-store';

export interface SecretKeyRef {
  kubeResource: string;
  secret: string;
  key: string;
}

const MAPPING_SELECT = `SELECT m.id, kr.name AS kubeResource, kr.cluster_id AS clusterId, kr.namespace, a.name AS secret, m.key,
    tr.name AS resource, ta.name AS account, m.template
  FROM key_mappings m
  JOIN accounts a ON a.id = m.secret_account_id
  JOIN resources kr ON kr.id = a.resource_id
  JOIN target_accounts ta ON ta.id = m.target_account_id
  JOIN resources tr ON tr.id = ta.resource_id`;

/** A template names the password once or more and may name the user; nothing else in braces. */
export function checkTemplate(template: string): void {
  const names = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  if (!names.includes('password')) {
    throw new AppError(
      'invalid_input',
      'A template must hold {password}.',
      'e.g. --template "postgres://{user}:{password}@db:5432/app"',
    );
  }
  const unknown = names.find((n) => n !== 'password' && n !== 'user');
  if (unknown !== undefined) {
    throw new AppError(
      'invalid_input',
      `A template may hold only {user} and {password}, not {${unknown.slice(0, 40)}}.`,
    );
  }
}

/** Builds a key's new value: the bare password, or the template filled in. */
export function renderMappedValue(template: string | null, user: string, password: string): string {
  if (template === null) return password;
  const inUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(template);
  // In a URL the user and password are percent-encoded so that any character survives parsing.
  const encode = (s: string) => (inUrl ? encodeURIComponent(s) : s);
  return template.replace(/\{(user|password)\}/g, (_, name: string) => encode(name === 'user' ? user : password));
}

/** The vault id of the Secret (account) holding `ref`'s key, or not_found naming what is missing. */
export function secretAccountId(db: ReadableDB, ref: SecretKeyRef): number {
  const resource = db
    .prepare("SELECT id FROM resources WHERE type = 'Kubernetes' AND name = ?")
    .get(ref.kubeResource) as { id: number } | undefined;
  if (!resource) {
    throw new AppError(
      'not_found',
      `There is no Kubernetes resource named "${ref.kubeResource}".`,
      'See `strongroom resources list` for the names.',
    );
  }
  const account = db
    .prepare('SELECT id, keys FROM accounts WHERE resource_id = ? AND name = ?')
    .get(resource.id, ref.secret) as { id: number; keys: string } | undefined;
  if (!account) {
    throw new AppError('not_found', `"${ref.kubeResource}" has no Secret "${ref.secret}".`, 'Fetch or sync it first.');
  }
  if (!(JSON.parse(account.keys) as string[]).includes(ref.key)) {
    throw new AppError(
      'not_found',
      `Secret "${ref.secret}" has no key "${ref.key}".`,
      'Check the key name (case matters).',
    );
  }
  return account.id;
}

export function mappingOf(db: ReadableDB, secretAccount: number, key: string): MappingSummary | undefined {
  return db.prepare(`${MAPPING_SELECT} WHERE m.secret_account_id = ? AND m.key = ?`).get(secretAccount, key) as
    | MappingSummary
    | undefined;
}

/** Maps one Secret key to one account. A key already mapped is refused, never silently moved. */
export function addMapping(
  db: WritableDB,
  from: SecretKeyRef,
  to: { resource: string; account: string },
  template: string | undefined,
  now: number,
): MappingSummary {
  if (template !== undefined) checkTemplate(template);
  const secretAccount = secretAccountId(db, from);
  const target = targetAccountId(db, to.resource, to.account);
  const existing = mappingOf(db, secretAccount, from.key);
  if (existing) {
    throw new AppError(
      'already_exists',
      `${from.kubeResource}/${from.secret}:${from.key} is already mapped to ${existing.resource}/${existing.account}.`,
      'Remove that mapping first with `strongroom map remove`.',
    );
  }
  return insertMapping(db, secretAccount, from.key, target, template ?? null, now) as MappingSummary;
}

/** Maps a key by vault ids unless it is mapped already (then undefined): for suggestions and rules, which checked the rest. */
export function insertMapping(
  db: WritableDB,
  secretAccount: number,
  key: string,
  target: number,
  template: string | null,
  now: number,
): MappingSummary | undefined {
  const { changes } = db
    .prepare(
      'INSERT INTO key_mappings (secret_account_id, key, target_account_id, template, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (secret_account_id, key) DO NOTHING',
    )
    .run(secretAccount, key, target, template, now);
  return changes === 1 ? mappingOf(db, secretAccount, key) : undefined;
}

/** Removes the mapping of one Secret key and answers what it was. */
export function removeMapping(db: WritableDB, from: SecretKeyRef): MappingSummary {
  const secretAccount = secretAccountId(db, from);
  const existing = mappingOf(db, secretAccount, from.key);
  if (!existing) throw new AppError('not_found', `${from.kubeResource}/${from.secret}:${from.key} is not mapped.`);
  db.prepare('DELETE FROM key_mappings WHERE id = ?').run(existing.id);
  return existing;
}

/** Mapped Resource Details: every mapping, or those of one resource (either kind) or of one account across clusters. */
export function listMappings(
  db: ReadableDB,
  filter: { resource?: string; account?: { resource: string; account: string } },
): MappingSummary[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.resource !== undefined) {
    where.push('(kr.name = ? OR tr.name = ?)');
    args.push(filter.resource, filter.resource);
  }
  if (filter.account !== undefined) {
    where.push('m.target_account_id = ?');
    args.push(targetAccountId(db, filter.account.resource, filter.account.account));
  }
  const sql = `${MAPPING_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY kr.name, a.name, m.key`;
  return db.prepare(sql).all(...args) as MappingSummary[];
}
