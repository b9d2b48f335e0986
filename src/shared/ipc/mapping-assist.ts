// Channels that save mapping by hand: suggestions (accept, accept all, dismiss), rules, and the accounts a key can map to.
import { z } from 'zod';
import { channel, returns } from './contract';
import type { MappingSummary } from './mapping';

/** Why a suggestion is offered: the key's value, the names around it, or a database URL holding the account. */
export type SuggestionEvidence = 'value' | 'names' | 'url';

/** A Secret key that probably holds an account's password. Never carries the value. */
export interface MappingSuggestion {
  from: { kubeResource: string; secret: string; key: string };
  clusterId: string | null;
  namespace: string | null;
  to: { resource: string; account: string };
  /** The template to map with (a URL rebuilt around {user} and {password}); null: the bare password. */
  template: string | null;
  /** Plain words for the user, e.g. "value equals the current password of orders-db/app". */
  reason: string;
  evidence: SuggestionEvidence[];
  /** The key holds the password the vault knows now (so a rotation can write it without a conflict). */
  valueMatches: boolean;
  /** The one strongest suggestion for its key: Accept all takes it. False when two accounts tie. */
  preferred: boolean;
}

/** What Accept all did: each mapping made, and how many suggestions it left for the user to choose. */
export interface AcceptAllResult {
  accepted: MappingSummary[];
  /** Keys left unmapped because two or more accounts were as likely for them. */
  ambiguous: number;
}

/** A rule: Secrets whose namespace, name and key match the globs are mapped to the account at every fetch and sync. */
export interface MappingRule {
  id: number;
  namespace: string;
  secret: string;
  key: string;
  resource: string;
  account: string;
  createdAt: number;
}

/** A rule just added, and the keys of Secrets already in the vault that it mapped at once. */
export interface RuleAddResult {
  rule: MappingRule;
  mapped: MappingSummary[];
}

/** An account a Secret key can be mapped to (the Associate form's choices). Never its password. */
export interface MappableAccount {
  resource: string;
  type: string;
  account: string;
}

const name = z.string().trim().min(1).max(253);
const secretRef = z.object({ kubeResource: name, secret: name, key: z.string().min(1).max(253) }).strict();
const accountRef = z.object({ resource: name, account: name }).strict();
const glob = z.string().trim().min(1).max(253);

/** Every current suggestion: keys not mapped yet, minus those dismissed. Values are compared in main only. */
export const mappingSuggest = channel('mapping:suggest', z.object({}).strict(), returns<MappingSuggestion[]>());

/** Accepts one suggestion (checked again in main, with its template); audited as `mapping.accept`. */
export const mappingAccept = channel(
  'mapping:accept',
  z.object({ from: secretRef, to: accountRef }).strict(),
  returns<MappingSummary>(),
);

/** Accepts every preferred suggestion; ties are left to the user. */
export const mappingAcceptAll = channel('mapping:acceptAll', z.object({}).strict(), returns<AcceptAllResult>());

/** Turns a suggestion down for good; audited as `mapping.dismiss`. */
export const mappingDismiss = channel(
  'mapping:dismiss',
  z.object({ from: secretRef, to: accountRef }).strict(),
  returns<{ dismissed: true }>(),
);

/** Adds a rule and applies it at once to Secrets already fetched. */
export const mappingRuleAdd = channel(
  'mapping:ruleAdd',
  z.object({ namespace: glob, secret: glob, key: glob, to: accountRef }).strict(),
  returns<RuleAddResult>(),
);

export const mappingRuleList = channel('mapping:ruleList', z.object({}).strict(), returns<MappingRule[]>());

/** Removes a rule; the mappings it made stay. */
export const mappingRuleRemove = channel(
  'mapping:ruleRemove',
  z.object({ id: z.number().int().positive() }).strict(),
  returns<MappingRule>(),
);

/** Every account of every rotatable resource, for the Associate form and the rules editor. */
export const mappingAccounts = channel('mapping:accounts', z.object({}).strict(), returns<MappableAccount[]>());

export const mappingAssistChannels = [
  mappingSuggest,
  mappingAccept,
  mappingAcceptAll,
  mappingDismiss,
  mappingRuleAdd,
  mappingRuleList,
  mappingRuleRemove,
  mappingAccounts,
] as const;
