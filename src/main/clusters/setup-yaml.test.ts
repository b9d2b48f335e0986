// Setup YAML: the right objects per variant, validated names, and the kubectl commands beside it.

import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { renderSetupYaml, requiredPermissions } from './setup-yaml';

type Obj = {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
} & Record<string, unknown>;

function objects(yaml: string): Obj[] {
  const docs = parseAllDocuments(yaml);
  for (const d of docs) expect('errors' in d ? d.errors : []).toEqual([]);
  return docs.map((d) => d.toJS() as Obj);
}

function rulesText(obj: Obj | undefined): string {
  return JSON.stringify(obj?.rules);
}

describe('renderSetupYaml', () => {
  it('read-only: Namespace, ServiceAccount, token Secret, ClusterRole and binding without writes', () => {
    const out = renderSetupYaml({ variant: 'read-only' });
    const objs = objects(out.yaml);
    expect(objs.map((o) => o.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'Secret',
      'ClusterRole',
      'ClusterRoleBinding',
    ]);
    const secret = objs[2] as Obj;
    expect(secret.type).toBe('kubernetes.io/service-account-token');
    expect(secret.metadata).toMatchObject({ name: 'strongroom-token', namespace: 'strongroom' });
    expect(secret.metadata.annotations?.['kubernetes.io/service-account.name']).toBe('strongroom');
    expect(rulesText(objs[3])).toContain('selfsubjectrulesreviews');
    expect(rulesText(objs[3])).not.toMatch(/update|patch|serviceaccounts\/token/);
    expect(objs[4]).toMatchObject({
      subjects: [{ kind: 'ServiceAccount', name: 'strongroom', namespace: 'strongroom' }],
    });
  });

  it('read-write adds secret updates and workload patches, but mints no token without access accounts', () => {
    const objs = objects(renderSetupYaml({ variant: 'read-write' }).yaml);
    const role = objs.find((o) => o.kind === 'ClusterRole');
    expect(rulesText(role)).toMatch(/"update","patch"/);
    expect(JSON.stringify(objs)).not.toContain('serviceaccounts/token');
  });

  it('read-write with access accounts: one ServiceAccount and binding each, and token minting for exactly those names', () => {
    const objs = objects(renderSetupYaml({ variant: 'read-write', accessAccounts: ['view', 'admin'] }).yaml);
    const binding = objs.find((o) => o.kind === 'ClusterRoleBinding' && o.metadata.name === 'strongroom-access-admin');
    expect(binding?.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'admin' });
    expect(binding?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'strongroom-access-admin', namespace: 'strongroom' },
    ]);
    expect(
      objs.filter((o) => o.kind === 'ServiceAccount').map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
    ).toEqual(['strongroom/strongroom', 'strongroom/strongroom-access-view', 'strongroom/strongroom-access-admin']);
    const tokenRole = objs.find((o) => o.kind === 'Role');
    expect(tokenRole?.metadata.namespace).toBe('strongroom');
    expect(tokenRole?.rules).toEqual([
      {
        apiGroups: [''],
        resources: ['serviceaccounts/token'],
        resourceNames: ['strongroom-access-view', 'strongroom-access-admin'],
        verbs: ['create'],
      },
    ]);
    const tokenBinding = objs.find((o) => o.kind === 'RoleBinding');
    expect(tokenBinding?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'strongroom', namespace: 'strongroom' }]);
    expect(() => renderSetupYaml({ variant: 'read-only', accessAccounts: ['view'] })).toThrow(/read-write/);
  });

  it('lets Strongroom create and delete the Secrets session tokens are bound to only when asked (--session-secrets)', () => {
    const rules = (sessionSecrets?: boolean) =>
      objects(renderSetupYaml({ variant: 'read-write', accessAccounts: ['edit'], sessionSecrets }).yaml).find(
        (o) => o.kind === 'Role',
      )?.rules;
    expect(rules()).toHaveLength(1);
    expect(rules(true)).toEqual([
      {
        apiGroups: [''],
        resources: ['serviceaccounts/token'],
        resourceNames: ['strongroom-access-edit'],
        verbs: ['create'],
      },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete'] },
    ]);
    expect(() => renderSetupYaml({ variant: 'read-write', sessionSecrets: true })).toThrow(/access accounts/);
  });

  it('namespaced: a Role and RoleBinding per chosen namespace, with no cluster-scoped resources in the Role', () => {
    const out = renderSetupYaml({
      variant: 'namespaced',
      targetNamespaces: ['team-a', 'team-b'],
      createNamespace: false,
    });
    const objs = objects(out.yaml);
    expect(objs.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}`)).toEqual([
      'ServiceAccount/strongroom',
      'Secret/strongroom',
      'ClusterRole/',
      'ClusterRoleBinding/',
      'Role/team-a',
      'RoleBinding/team-a',
      'Role/team-b',
      'RoleBinding/team-b',
    ]);
    const role = objs.find((o) => o.kind === 'Role');
    expect(rulesText(role)).toContain('secrets');
    expect(rulesText(role)).not.toMatch(/namespaces|selfsubject|patch/);
    expect(rulesText(objs.find((o) => o.kind === 'ClusterRole'))).not.toContain('secrets');
  });

  it('uses the chosen namespace and ServiceAccount names everywhere, including the commands', () => {
    const out = renderSetupYaml({ variant: 'read-only', namespace: 'ops', serviceAccount: 'vault-reader' });
    expect(out.serviceAccount).toEqual({ namespace: 'ops', name: 'vault-reader', secretName: 'vault-reader-token' });
    expect(out.commands.printToken).toBe(
      "kubectl -n ops get secret vault-reader-token -o jsonpath='{.data.token}' | base64 -d",
    );
    expect(out.commands.printCa).toContain("jsonpath='{.data.ca\\.crt}'");
    expect(out.commands.apply).toBe('kubectl apply -f strongroom-read-only.yaml');
    expect(out.yaml).not.toContain('SERVICE_ACCOUNT');
    expect(out.yaml).not.toContain('NAMESPACE');
  });

  it.each(['Ops', 'a_b', '-x', "x'; rm -rf /", 'a'.repeat(64), 'x\nkind: ClusterRoleBinding'])(
    'refuses %j as a name',
    (bad) => {
      expect(() => renderSetupYaml({ variant: 'read-only', namespace: bad })).toThrow(/not a valid namespace/);
      expect(() => renderSetupYaml({ variant: 'read-only', serviceAccount: bad })).toThrow(
        /not a valid ServiceAccount/,
      );
      expect(() => renderSetupYaml({ variant: 'namespaced', targetNamespaces: [bad] })).toThrow(/not a valid/);
    },
  );

  it('refuses the namespaced variant without namespaces', () => {
    expect(() => renderSetupYaml({ variant: 'namespaced' })).toThrow(/at least one namespace/);
  });
});

describe('requiredPermissions', () => {
  it('comes from the templates: read-only reads secrets, read-write also patches them', () => {
    const ro = requiredPermissions('read-only').map((p) => `${p.verb} ${p.resource}`);
    const rw = requiredPermissions('read-write').map((p) => `${p.verb} ${p.resource}`);
    expect(ro).toContain('list secrets');
    expect(ro).not.toContain('patch secrets');
    expect(rw).toContain('patch secrets');
    expect(rw).not.toContain('create serviceaccounts/token');
  });
});
