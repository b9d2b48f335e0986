// The ClusterRoles view, edit and admin mean what they mean on kube-apiserver: checked with kubectl auth can-i --as.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';

let c: TestCluster;
let ns: string;

const bindings = (namespace: string) =>
  ['view', 'edit', 'admin']
    .map(
      (role) => `apiVersion: v1
kind: ServiceAccount
metadata: { name: as-${role}, namespace: ${namespace} }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: as-${role}, namespace: ${namespace} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role} }
subjects:
- { kind: ServiceAccount, name: as-${role}, namespace: ${namespace} }
`,
    )
    .join('---\n');

async function can(role: string, verb: string, resource: string): Promise<string> {
  const r = await c.kubectl(['auth', 'can-i', verb, resource, '-n', ns, `--as=system:serviceaccount:${ns}:as-${role}`]);
  return r.stdout.trim();
}

beforeAll(async () => {
  c = await getTestCluster();
  ns = c.uniqueName('sr-roles');
  expect((await c.kubectl(['create', 'namespace', ns])).code).toBe(0);
  const applied = await c.kubectl(['apply', '-f', '-'], { input: bindings(ns) });
  expect(applied.stderr).toBe('');
}, 60_000);

afterAll(async () => {
  await c.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await c.close();
});

describe('bootstrap ClusterRoles', () => {
  it('view reads workloads and ConfigMaps but not Secrets, and writes nothing', async () => {
    expect(await can('view', 'list', 'deployments.apps')).toBe('yes');
    expect(await can('view', 'get', 'configmaps')).toBe('yes');
    expect(await can('view', 'get', 'secrets')).toBe('no');
    expect(await can('view', 'list', 'secrets')).toBe('no');
    expect(await can('view', 'patch', 'deployments.apps')).toBe('no');
  }, 60_000);

  it('edit reads and writes Secrets and workloads, mints tokens, but cannot grant roles', async () => {
    expect(await can('edit', 'get', 'secrets')).toBe('yes');
    expect(await can('edit', 'update', 'secrets')).toBe('yes');
    expect(await can('edit', 'patch', 'statefulsets.apps')).toBe('yes');
    expect(await can('edit', 'create', 'serviceaccounts/token')).toBe('yes');
    expect(await can('edit', 'create', 'rolebindings.rbac.authorization.k8s.io')).toBe('no');
  }, 60_000);

  it('admin also manages Roles and RoleBindings in the namespace, but not cluster-scoped roles', async () => {
    expect(await can('admin', 'create', 'rolebindings.rbac.authorization.k8s.io')).toBe('yes');
    expect(await can('admin', 'delete', 'secrets')).toBe('yes');
    expect(await can('admin', 'create', 'clusterroles.rbac.authorization.k8s.io')).toBe('no');
  }, 60_000);

  it('carries the aggregation labels and rules of the real roles', async () => {
    const view = JSON.parse((await c.kubectl(['get', 'clusterrole', 'view', '-o', 'json'])).stdout);
    expect(view.metadata.labels['rbac.authorization.k8s.io/aggregate-to-edit']).toBe('true');
    expect(view.aggregationRule.clusterRoleSelectors[0].matchLabels).toEqual({
      'rbac.authorization.k8s.io/aggregate-to-view': 'true',
    });
    const resources = view.rules.flatMap((r: { resources?: string[] }) => r.resources ?? []);
    expect(resources).toContain('deployments');
    expect(resources).not.toContain('secrets');
  });
});
