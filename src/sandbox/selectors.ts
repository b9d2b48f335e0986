// Label and field selectors, parsed once per request and matched against objects.
import { errors } from './status';
import type { KubeObject } from './types';

export type Matcher = (obj: KubeObject) => boolean;

interface Requirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseRequirement(part: string, selector: string): Requirement {
  const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
  if (set) {
    const values = (set[3] ?? '').split(',').map((v) => v.trim());
    return { key: set[1] ?? '', op: set[2] as 'in' | 'notin', values };
  }
  const cmp = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
  if (cmp) {
    const op = cmp[2] === '!=' ? 'notin' : 'in';
    return { key: cmp[1] ?? '', op, values: [cmp[3] ?? ''] };
  }
  if (/^![^\s!=()]+$/.test(part)) return { key: part.slice(1), op: '!', values: [] };
  if (/^[^\s!=()]+$/.test(part)) return { key: part, op: 'exists', values: [] };
  throw errors.badRequest(`unable to parse requirement: found '${part}', in selector "${selector}"`);
}

/** Parses a label selector (`a=b,c!=d,e in (x,y),!f`); an empty one matches everything. */
export function parseLabelSelector(selector: string | null | undefined): Matcher | undefined {
  if (!selector) return undefined;
  const reqs = splitTopLevel(selector).map((p) => parseRequirement(p, selector));
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return reqs.every((r) => {
      const has = Object.hasOwn(labels, r.key);
      const value = labels[r.key];
      switch (r.op) {
        case 'exists':
          return has;
        case '!':
          return !has;
        case 'in':
          return has && r.values.includes(value ?? '');
        default:
          return !has || !r.values.includes(value ?? '');
      }
    });
  };
}

const FIELDS: Record<string, Record<string, (o: KubeObject) => string>> = {
  secrets: { type: (o) => String(o.type ?? '') },
  pods: {
    'spec.nodeName': (o) => String((o.spec as { nodeName?: string })?.nodeName ?? ''),
    'status.phase': (o) => String((o.status as { phase?: string })?.phase ?? ''),
    'spec.serviceAccountName': (o) => String((o.spec as { serviceAccountName?: string })?.serviceAccountName ?? ''),
  },
  namespaces: { 'status.phase': (o) => String((o.status as { phase?: string })?.phase ?? '') },
};

/** Parses a field selector for a resource; unknown fields are refused with 400 as the real server does. */
export function parseFieldSelector(selector: string | null | undefined, plural: string): Matcher | undefined {
  if (!selector) return undefined;
  const terms = splitTopLevel(selector).map((part) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw errors.badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const field = m[1] ?? '';
    const get: ((o: KubeObject) => string) | undefined =
      field === 'metadata.name'
        ? (o) => o.metadata.name ?? ''
        : field === 'metadata.namespace'
          ? (o) => o.metadata.namespace ?? ''
          : FIELDS[plural]?.[field];
    if (!get) throw errors.badRequest(`field label not supported: ${field}`);
    return { get, negate: m[2] === '!=', value: m[3] ?? '' };
  });
  return (obj) => terms.every((t) => (t.get(obj) === t.value) !== t.negate);
}

/** Combines optional matchers into one (undefined when there is nothing to filter). */
export function allOf(...matchers: (Matcher | undefined)[]): Matcher | undefined {
  const present = matchers.filter((m): m is Matcher => m !== undefined);
  if (present.length === 0) return undefined;
  return (obj) => present.every((m) => m(obj));
}
