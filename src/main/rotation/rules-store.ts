// Mapping rules: namespace, Secret and key globs → an account; applied to fetched Secrets when added and after each fetch or sync.
import picomatch from 'picomatch';
import { AppError } from '../../shared/errors';
import type { MappingSummary } from '../../shared/ipc/mapping';
import type { MappingRule } from '../../shared/ipc/mapping-assist';
import type { ReadableDB, WritableDB } from '../vault/db';
import { insertMapping } from './mapping-store';
import { targetAccountId } from './target-store';

export interface RuleInput {
  namespace: string;
  secret: string;
  key: string;
  to: { resource: string; account: string };
}

/** A key a rule mapped, with the rule that did it. */
export interface RuleMapping {
  ruleId: number;
  mapping: MappingSummary;
}

const RULE_SELECT = `SELECT mr.id, mr.namespace_glob AS namespace, mr.secret_glob AS secret, mr.key_glob AS key,
    r.name AS resource, ta.name AS account, mr.created_at AS createdAt, mr.target_account_id AS targetId
  FROM mapping_rules mr
  JOIN target_accounts ta ON ta.id = mr.target_account_id
  JOIN resources r ON r.id = ta.resource_id`;

type RuleRow = MappingRule & { targetId: number };

function publicRule({ targetId: _, ...rule }: RuleRow): MappingRule {
  return rule;
}

/** Dot files match too: Secret keys such as `.dockerconfigjson` start with a dot. */
function matcher(glob: string, what: string): (text: string) => boolean {
  try {
    return picomatch(glob, { dot: true });
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `The ${what} pattern "${glob.slice(0, 100)}" is not a valid glob.`,
      String(error),
    );
  }
}

export function listRules(db: ReadableDB): MappingRule[] {
  return (db.prepare(`${RULE_SELECT} ORDER BY mr.id`).all() as RuleRow[]).map(publicRule);
}

export function addRule(db: WritableDB, input: RuleInput, now: number): MappingRule {
  matcher(input.namespace, 'namespace');
  matcher(input.secret, 'Secret');
  matcher(input.key, 'key');
  const target = targetAccountId(db, input.to.resource, input.to.account);
  const { changes, lastInsertRowid } = db
    .prepare(
      `INSERT INTO mapping_rules (namespace_glob, secret_glob, key_glob, target_account_id, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    )
    .run(input.namespace, input.secret, input.key, target, now);
  if (changes === 0) {
    throw new AppError('already_exists', 'This rule exists already.', 'See `strongroom map rule list`.');
  }
  return publicRule(db.prepare(`${RULE_SELECT} WHERE mr.id = ?`).get(lastInsertRowid) as RuleRow);
}

export function removeRule(db: WritableDB, id: number): MappingRule {
  const row = db.prepare(`${RULE_SELECT} WHERE mr.id = ?`).get(id) as RuleRow | undefined;
  if (!row) throw new AppError('not_found', `There is no mapping rule ${id}.`, 'See `strongroom map rule list`.');
  db.prepare('DELETE FROM mapping_rules WHERE id = ?').run(id);
  return publicRule(row);
}

/**
 * Maps every unmapped key of present fetched Secrets that a rule matches (the oldest rule wins a key),
 * optionally only in one cluster or for one rule. Reads names only, never values. One transaction.
 */
export function applyRules(
  db: WritableDB,
  now: number,
  scope: { clusterId?: string; ruleId?: number } = {},
): RuleMapping[] {
  const rules = (
    db
      .prepare(`${RULE_SELECT}${scope.ruleId === undefined ? '' : ' WHERE mr.id = ?'} ORDER BY mr.id`)
      .all(...(scope.ruleId === undefined ? [] : [scope.ruleId])) as RuleRow[]
  ).map((r) => ({
    id: r.id,
    targetId: r.targetId,
    namespace: matcher(r.namespace, 'namespace'),
    secret: matcher(r.secret, 'Secret'),
    key: matcher(r.key, 'key'),
  }));
  if (rules.length === 0) return [];
  const accounts = db
    .prepare(
      `SELECT a.id, a.name, a.keys, r.namespace FROM accounts a JOIN resources r ON r.id = a.resource_id
       WHERE r.type = 'Kubernetes' AND a.state = 'present'${scope.clusterId === undefined ? '' : ' AND r.cluster_id = ?'}`,
    )
    .all(...(scope.clusterId === undefined ? [] : [scope.clusterId])) as {
    id: number;
    name: string;
    keys: string;
    namespace: string;
  }[];
  return db.transaction(() => {
    const out: RuleMapping[] = [];
    for (const account of accounts) {
      const matching = rules.filter((r) => r.namespace(account.namespace) && r.secret(account.name));
      if (matching.length === 0) continue;
      for (const key of JSON.parse(account.keys) as string[]) {
        const rule = matching.find((r) => r.key(key));
        if (!rule) continue;
        const mapping = insertMapping(db, account.id, key, rule.targetId, null, now);
        if (mapping) out.push({ ruleId: rule.id, mapping });
      }
    }
    return out;
  })();
}
