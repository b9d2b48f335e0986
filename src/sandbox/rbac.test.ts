// RBAC evaluation: verbs, groups, resources, subresources, resourceNames, wildcards, bindings and the masters bypass.
import { describe, expect, it } from 'vitest';
import { authorize, type RbacSource, ruleAllows } from './rbac';
import type { KubeObject } from './types';

const sa = { username: 'system:serviceaccount:team:bot', groups: ['system:serviceaccounts', 'system:authenticated'] };

function source(objects: KubeObject[]): RbacSource {
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  return {
    clusterRoleBindings: () => of('ClusterRoleBinding'),
    roleBindings: (ns) => of('RoleBinding').filter((o) => o.metadata.namespace === ns),
    role: (ns, name) => of('Role').find((o) => o.metadata.namespace === ns && o.metadata.name === name),
    clusterRole: (name) => of('ClusterRole').find((o) => o.metadata.name === name),
  };
}

describe('ruleAllows', () => {
  const rule = { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['db'] };
  it('limits a rule with resourceNames to those names, and never to unnamed requests', () => {
    expect(ruleAllows(rule, { verb: 'get', resource: 'secrets', apiGroup: '', name: 'db' })).toBe(true);
    expect(ruleAllows(rule, { verb: 'get', resource: 'secrets', apiGroup: '', name: 'other' })).toBe(false);
    expect(ruleAllows({ ...rule, verbs: ['list'] }, { verb: 'list', resource: 'secrets', apiGroup: '' })).toBe(false);
  });
  it('matches a subresource only when named as resource/subresource or */subresource', () => {
    const attrs = { verb: 'create', resource: 'serviceaccounts', subresource: 'token', apiGroup: '' };
    expect(ruleAllows({ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts'] }, attrs)).toBe(false);
    expect(ruleAllows({ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'] }, attrs)).toBe(true);
    expect(ruleAllows({ verbs: ['*'], apiGroups: ['*'], resources: ['*/token'] }, attrs)).toBe(true);
  });
  it('matches non-resource URLs exactly or by trailing-star prefix', () => {
    const r = { verbs: ['get'], nonResourceURLs: ['/apis/*', '/version'] };
    expect(ruleAllows(r, { verb: 'get', path: '/apis/apps/v1' })).toBe(true);
    expect(ruleAllows(r, { verb: 'get', path: '/version' })).toBe(true);
    expect(ruleAllows(r, { verb: 'get', path: '/healthz' })).toBe(false);
  });
});

describe('authorize', () => {
  const policy = source([
    {
      kind: 'Role',
      metadata: { name: 'reader', namespace: 'team' },
      rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] }],
    },
    {
      kind: 'RoleBinding',
      metadata: { name: 'rb', namespace: 'team' },
      roleRef: { kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'bot', namespace: 'team' }],
    },
    {
      kind: 'ClusterRole',
      metadata: { name: 'ns-viewer' },
      rules: [{ verbs: ['list'], apiGroups: [''], resources: ['namespaces'] }],
    },
    {
      kind: 'ClusterRoleBinding',
      metadata: { name: 'crb' },
      roleRef: { kind: 'ClusterRole', name: 'ns-viewer' },
      subjects: [{ kind: 'Group', name: 'system:serviceaccounts' }],
    },
  ]);
  it('grants a RoleBinding only in its own namespace and only the bound verbs', () => {
    expect(
      authorize(policy, sa, { verb: 'get', resource: 'secrets', apiGroup: '', namespace: 'team', name: 'x' }),
    ).toBe(true);
    expect(
      authorize(policy, sa, { verb: 'get', resource: 'secrets', apiGroup: '', namespace: 'other', name: 'x' }),
    ).toBe(false);
    expect(authorize(policy, sa, { verb: 'create', resource: 'secrets', apiGroup: '', namespace: 'team' })).toBe(false);
  });
  it('grants ClusterRoleBindings to groups cluster-wide', () => {
    expect(authorize(policy, sa, { verb: 'list', resource: 'namespaces', apiGroup: '' })).toBe(true);
  });
  it('lets system:masters do anything without any binding', () => {
    expect(
      authorize(
        source([]),
        { username: 'x', groups: ['system:masters'] },
        { verb: 'delete', resource: 'secrets', apiGroup: '', namespace: 'a' },
      ),
    ).toBe(true);
  });
});
