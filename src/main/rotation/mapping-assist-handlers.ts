// IPC handlers of suggestions, rules and mappable accounts, and the hook that applies rules after each fetch or sync; all audited.

import { type ErrorCode, isAppError } from '../../shared/errors';
import type { MappingRule } from '../../shared/ipc/mapping-assist';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { EventListener } from '../events';
import type { Handlers } from '../ipc/dispatch';
import type { Logger } from '../log';
import type { WritableDB } from '../vault/db';
import type { SecretKeyRef } from './mapping-store';
import { addRule, applyRules, listRules, type RuleMapping, removeRule } from './rules-store';
import { acceptAllSuggestions, acceptSuggestion, dismissSuggestion, listSuggestions } from './suggest-store';

const errorCode = (error: unknown): ErrorCode => (isAppError(error) ? error.code : 'internal');

type AssistChannel =
  | 'mapping:suggest'
  | 'mapping:accept'
  | 'mapping:acceptAll'
  | 'mapping:dismiss'
  | 'mapping:ruleAdd'
  | 'mapping:ruleList'
  | 'mapping:ruleRemove'
  | 'mapping:accounts';

/** Runs `fn` and records its outcome with the details known only after it ran. */
function recorded<T>(
  audit: AuditLog,
  action: 'mapping.accept',
  target: ReturnType<typeof keyTarget>,
  details: Record<string, unknown>,
  fn: () => { value: T; details: Record<string, unknown> },
): T {
  try {
    const done = fn();
    audit.record({ action, target, outcome: 'ok', details: { ...details, ...done.details } });
    return done.value;
  } catch (error) {
    audit.record({ action, target, outcome: errorCode(error), details });
    throw error;
  }
}

const keyTarget = (k: SecretKeyRef) => `${k.kubeResource}/${k.secret}:${k.key}` as const;

/** One `mapping.rule_map` event per key a rule mapped. */
function recordRuleMappings(audit: AuditLog, mapped: RuleMapping[], when: string): void {
  for (const { ruleId, mapping } of mapped) {
    audit.record({
      action: 'mapping.rule_map',
      target: keyTarget({ kubeResource: mapping.kubeResource, secret: mapping.secret, key: mapping.key }),
      outcome: 'ok',
      details: { rule: ruleId, account: `${mapping.resource}/${mapping.account}`, when },
    });
  }
}

export function mappingAssistHandlers(
  db: () => WritableDB,
  audit: AuditLog,
  clock: Clock,
): Pick<Handlers, AssistChannel> {
  return {
    'mapping:suggest': () => listSuggestions(db()),
    'mapping:accept': ({ from, to }) =>
      recorded(audit, 'mapping.accept', keyTarget(from), { account: `${to.resource}/${to.account}` }, () => {
        const { mapping, suggestion } = acceptSuggestion(db(), from, to, clock.now());
        return { value: mapping, details: { evidence: suggestion.evidence, templated: mapping.template !== null } };
      }),
    'mapping:acceptAll': () => {
      const { accepted, ambiguous } = acceptAllSuggestions(db(), clock.now());
      for (const { mapping, suggestion } of accepted) {
        audit.record({
          action: 'mapping.accept',
          target: keyTarget(suggestion.from),
          outcome: 'ok',
          details: { account: `${mapping.resource}/${mapping.account}`, evidence: suggestion.evidence, all: true },
        });
      }
      return { accepted: accepted.map((a) => a.mapping), ambiguous };
    },
    'mapping:dismiss': async ({ from, to }) => {
      await audit.run('mapping.dismiss', keyTarget(from), () => dismissSuggestion(db(), from, to, clock.now()), {
        account: `${to.resource}/${to.account}`,
      });
      return { dismissed: true as const };
    },
    'mapping:ruleAdd': async (input) => {
      const details = { namespace: input.namespace, secret: input.secret, key: input.key };
      const account = `${input.to.resource}/${input.to.account}`;
      let rule: MappingRule;
      try {
        rule = addRule(db(), input, clock.now());
      } catch (error) {
        audit.record({ action: 'mapping.rule_add', target: 'rule new', outcome: errorCode(error), details });
        throw error;
      }
      audit.record({
        action: 'mapping.rule_add',
        target: `rule ${rule.id}`,
        outcome: 'ok',
        details: { ...details, account },
      });
      const mapped = applyRules(db(), clock.now(), { ruleId: rule.id });
      recordRuleMappings(audit, mapped, 'rule added');
      return { rule, mapped: mapped.map((m) => m.mapping) };
    },
    'mapping:ruleList': () => listRules(db()),
    'mapping:ruleRemove': ({ id }) => audit.run('mapping.rule_remove', `rule ${id}`, () => removeRule(db(), id)),
    'mapping:accounts': () =>
      db()
        .prepare(
          'SELECT r.name AS resource, r.type, ta.name AS account FROM target_accounts ta JOIN resources r ON r.id = ta.resource_id ORDER BY r.name, ta.name',
        )
        .all() as { resource: string; type: string; account: string }[],
  };
}

/**
 * Applies the rules to a cluster's Secrets when a fetch or sync of it finishes. Sync sits below mapping
 * and never imports it; the composition root subscribes this to the event bus instead.
 */
export function applyRulesAfterSync(db: () => WritableDB, audit: AuditLog, clock: Clock, log: Logger): EventListener {
  const rlog = log.child({ svc: 'mapping-rules' });
  return (name, payload) => {
    if (name !== 'sync:finished') return;
    const { clusterId, kind } = payload as { clusterId: string; kind: string };
    try {
      recordRuleMappings(audit, applyRules(db(), clock.now(), { clusterId }), kind);
    } catch (error) {
      // The sync itself succeeded; a rule that could not apply is reported, and applies again at the next sync.
      rlog.error({ err: (error as Error).message, clusterId }, 'mapping rules could not be applied');
    }
  };
}
