// The Mapping view's data: mappings (all, or one resource's or account's), suggestions, rules and mappable accounts.
import { useCallback, useEffect, useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { MappingSummary } from '../../../shared/ipc/mapping';
import type { MappableAccount, MappingRule, MappingSuggestion } from '../../../shared/ipc/mapping-assist';
import { call } from '../../client';

/** Mapped Resource Details: every mapping, one Kubernetes resource's keys, or every key of one account. */
export type MappingFilter = { kind: 'all' } | { kind: 'resource'; resource: string } | { kind: 'account'; ref: string };

export interface MappingData {
  mappings?: MappingSummary[];
  suggestions?: MappingSuggestion[];
  rules?: MappingRule[];
  accounts?: MappableAccount[];
  error?: ErrorData;
  filter: MappingFilter;
  setFilter(filter: MappingFilter): void;
  /** Loads everything again, after any change. */
  reload(): Promise<void>;
}

function listInput(filter: MappingFilter) {
  if (filter.kind === 'resource') return { resource: filter.resource };
  if (filter.kind === 'account') {
    const [resource = '', account = ''] = filter.ref.split('/');
    return { account: { resource, account } };
  }
  return {};
}

export function useMappingData(): MappingData {
  const [filter, setFilter] = useState<MappingFilter>({ kind: 'all' });
  const [data, setData] = useState<Omit<MappingData, 'filter' | 'setFilter' | 'reload'>>({});

  const reload = useCallback(async () => {
    const [mappings, suggestions, rules, accounts] = await Promise.all([
      call('mapping:list', listInput(filter)),
      call('mapping:suggest', {}),
      call('mapping:ruleList', {}),
      call('mapping:accounts', {}),
    ]);
    const failed = [mappings, suggestions, rules, accounts].find((r) => !r.ok);
    setData({
      ...(mappings.ok ? { mappings: mappings.value } : {}),
      ...(suggestions.ok ? { suggestions: suggestions.value } : {}),
      ...(rules.ok ? { rules: rules.value } : {}),
      ...(accounts.ok ? { accounts: accounts.value } : {}),
      ...(failed && !failed.ok ? { error: failed.error } : {}),
    });
  }, [filter]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { ...data, filter, setFilter, reload };
}

export const accountRef = (a: { resource: string; account: string }) => `${a.resource}/${a.account}`;
export const keyRef = (k: { kubeResource: string; secret: string; key: string }) =>
  `${k.kubeResource}/${k.secret}:${k.key}`;
