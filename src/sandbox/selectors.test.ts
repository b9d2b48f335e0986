// Label and field selector parsing and matching.
import { describe, expect, it } from 'vitest';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import type { KubeObject } from './types';

const obj = (labels: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject => ({
  metadata: { name: 'a', namespace: 'n', labels },
  ...extra,
});

describe('label selectors', () => {
  it('supports equality, inequality, set membership and existence', () => {
    const o = obj({ app: 'web', tier: 'db' });
    expect(parseLabelSelector('app=web,tier!=cache')?.(o)).toBe(true);
    expect(parseLabelSelector('app==api')?.(o)).toBe(false);
    expect(parseLabelSelector('tier in (db, cache),!missing')?.(o)).toBe(true);
    expect(parseLabelSelector('tier notin (db)')?.(o)).toBe(false);
    expect(parseLabelSelector('app')?.(o)).toBe(true);
  });
  it('refuses a malformed selector with 400', () => {
    expect(() => parseLabelSelector('a in b')).toThrow(/unable to parse requirement/);
  });
});

describe('field selectors', () => {
  it('matches metadata.name, metadata.namespace and a Secret type', () => {
    const s = obj({}, { type: 'kubernetes.io/tls' });
    expect(parseFieldSelector('metadata.name=a,metadata.namespace=n', 'secrets')?.(s)).toBe(true);
    expect(parseFieldSelector('type!=kubernetes.io/tls', 'secrets')?.(s)).toBe(false);
  });
  it('refuses fields the resource does not support', () => {
    expect(() => parseFieldSelector('type=Opaque', 'configmaps')).toThrow('field label not supported: type');
  });
});
