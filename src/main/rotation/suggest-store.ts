// Mapping suggestions over the vault: read fetched values and account passwords, list, accept one or all, dismiss.
import { AppError } from '../../shared/errors';
import type { MappingSummary } from '../../shared/ipc/mapping';
import type { MappingSuggestion } from '../../shared/ipc/mapping-assist';
import type { ReadableDB, WritableDB } from '../vault/db';
import { insertMapping, type SecretKeyRef, secretAccountId } from './mapping-store';
import {
  type Candidate,
  markPreferred,
  type PasswordAccount,
  type SecretValues,
  SuggestionIndex,
} from './suggest-engine';
import { targetAccountId } from './target-store';

const SECRETS_SELECT = `SELECT a.id AS accountId, r.name AS kubeResource, r.cluster_id AS clusterId, r.namespace, a.name AS secret, v.data
  FROM accounts a
  JOIN resources r ON r.id = a.resource_id AND r.type = 'Kubernetes'
  JOIN secret_versions v ON v.id = (SELECT max(id) FROM secret_versions WHERE account_id = a.id)
  WHERE a.state = 'present'`;

/** The newest version of every present fetched Secret (or of one), values included: main only, never logged. */
export function loadSecretValues(db: ReadableDB, accountId?: number): SecretValues[] {
  const sql = accountId === undefined ? SECRETS_SELECT : `${SECRETS_SELECT} AND a.id = ?`;
  const rows = db.prepare(sql).all(...(accountId === undefined ? [] : [accountId])) as (Omit<SecretValues, 'data'> & {
    data: string;
  })[];
  // Parsed in place: at 10k Secrets a copy of each row is measurable garbage (bench:suggest).
  const out = rows as unknown as SecretValues[];
  for (const r of out) r.data = JSON.parse(r.data as unknown as string) as Record<string, string>;
  return out;
}

export function loadPasswordAccounts(db: ReadableDB): PasswordAccount[] {
  return db
    .prepare(
      'SELECT ta.id, r.name AS resource, ta.name, ta.password FROM target_accounts ta JOIN resources r ON r.id = ta.resource_id',
    )
    .all() as PasswordAccount[];
}

type Row = { a: number; k: string; t?: number };

/** Which keys are still open for a suggestion: not mapped to anything, and not dismissed for that account. */
function openKeys(db: ReadableDB, accountId?: number): (secret: number) => (key: string, target: number) => boolean {
  const where = accountId === undefined ? '' : ' WHERE secret_account_id = ?';
  const args = accountId === undefined ? [] : [accountId];
  const mapped = new Set(
    (db.prepare(`SELECT secret_account_id AS a, key AS k FROM key_mappings${where}`).all(...args) as Row[]).map(
      (r) => `${r.a}\0${r.k}`,
    ),
  );
  const dismissed = new Set(
    (
      db
        .prepare(`SELECT secret_account_id AS a, key AS k, target_account_id AS t FROM mapping_dismissals${where}`)
        .all(...args) as Row[]
    ).map((r) => `${r.a}\0${r.k}\0${r.t}`),
  );
  return (secret) => (key, target) =>
    !mapped.has(`${secret}\0${key}`) && !dismissed.has(`${secret}\0${key}\0${target}`);
}

/** Every current candidate (of one Secret when `accountId` is given), each key's strongest marked preferred. */
export function computeCandidates(db: ReadableDB, accountId?: number): Candidate[] {
  const accounts = loadPasswordAccounts(db);
  if (accounts.length === 0) return [];
  const index = new SuggestionIndex(accounts);
  const open = openKeys(db, accountId);
  const out: Candidate[] = [];
  for (const secret of loadSecretValues(db, accountId)) out.push(...index.candidates(secret, open(secret.accountId)));
  return markPreferred(out);
}

/** A candidate as the renderer and the CLI see it: names and reasons, never a value. */
export function toSuggestion(c: Candidate): MappingSuggestion {
  return {
    from: { kubeResource: c.secret.kubeResource, secret: c.secret.secret, key: c.key },
    clusterId: c.secret.clusterId,
    namespace: c.secret.namespace,
    to: { resource: c.account.resource, account: c.account.name },
    template: c.template,
    reason: c.reasons.join('; '),
    evidence: c.evidence,
    valueMatches: c.valueMatches,
    preferred: c.preferred,
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Grouped by Secret and key, the strongest first; plain code-point order (localeCompare is slow at 10k rows). */
export function listSuggestions(db: ReadableDB): MappingSuggestion[] {
  return computeCandidates(db)
    .sort(
      (a, b) =>
        byText(a.secret.kubeResource, b.secret.kubeResource) ||
        byText(a.secret.secret, b.secret.secret) ||
        byText(a.key, b.key) ||
        b.score - a.score,
    )
    .map(toSuggestion);
}

function suggested(db: ReadableDB, from: SecretKeyRef, to: { resource: string; account: string }): Candidate {
  const secretId = secretAccountId(db, from);
  const targetId = targetAccountId(db, to.resource, to.account);
  const found = computeCandidates(db, secretId).find((c) => c.key === from.key && c.account.id === targetId);
  if (!found) {
    throw new AppError(
      'not_found',
      `${from.kubeResource}/${from.secret}:${from.key} → ${to.resource}/${to.account} is not suggested (any more).`,
      'Refresh the suggestions, or map it by hand with `strongroom map add`.',
    );
  }
  return found;
}

/** Maps one suggested key, with the template the suggestion found; checked again here, never taken on trust. */
export function acceptSuggestion(
  db: WritableDB,
  from: SecretKeyRef,
  to: { resource: string; account: string },
  now: number,
): { mapping: MappingSummary; suggestion: MappingSuggestion } {
  const c = suggested(db, from, to);
  const mapping = insertMapping(db, c.secret.accountId, c.key, c.account.id, c.template, now);
  if (!mapping) throw new Error('a suggested key was mapped already'); // openKeys excludes mapped keys
  return { mapping, suggestion: toSuggestion(c) };
}

/** Maps every preferred suggestion in one transaction; ties between accounts are left to the user. */
export function acceptAllSuggestions(
  db: WritableDB,
  now: number,
): { accepted: { mapping: MappingSummary; suggestion: MappingSuggestion }[]; ambiguous: number } {
  return db.transaction(() => {
    const candidates = computeCandidates(db);
    const accepted = candidates
      .filter((c) => c.preferred)
      .map((c) => ({
        mapping: insertMapping(db, c.secret.accountId, c.key, c.account.id, c.template, now) as MappingSummary,
        suggestion: toSuggestion(c),
      }));
    const mappedKeys = new Set(accepted.map((a) => `${a.mapping.kubeResource}\0${a.mapping.secret}\0${a.mapping.key}`));
    const left = new Set(
      candidates
        .filter((c) => !mappedKeys.has(`${c.secret.kubeResource}\0${c.secret.secret}\0${c.key}`))
        .map((c) => `${c.secret.accountId}\0${c.key}`),
    );
    return { accepted, ambiguous: left.size };
  })();
}

/** Turns a suggestion down for good (the key may still be mapped by hand or offered for another account). */
export function dismissSuggestion(
  db: WritableDB,
  from: SecretKeyRef,
  to: { resource: string; account: string },
  now: number,
): void {
  const c = suggested(db, from, to);
  db.prepare(
    'INSERT OR IGNORE INTO mapping_dismissals (secret_account_id, key, target_account_id, dismissed_at) VALUES (?, ?, ?, ?)',
  ).run(c.secret.accountId, c.key, c.account.id, now);
}
