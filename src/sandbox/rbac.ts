// RBAC evaluation over Roles, ClusterRoles and their bindings, as kube-apiserver's RBAC authorizer does it.
import type { KubeObject, RequestAttributes, UserInfo } from './types';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface Binding extends KubeObject {
  roleRef: { kind: string; name: string };
  subjects?: Subject[];
}

/** Where the authorizer reads policy from. */
export interface RbacSource {
  clusterRoleBindings(): KubeObject[];
  roleBindings(namespace: string): KubeObject[];
  role(namespace: string, name: string): KubeObject | undefined;
  clusterRole(name: string): KubeObject | undefined;
}

function subjectMatches(s: Subject, user: UserInfo, bindingNamespace?: string): boolean {
  if (s.kind === 'User') return s.name === user.username;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') {
    const ns = s.namespace || bindingNamespace;
    return user.username === `system:serviceaccount:${ns}:${s.name}`;
  }
  return false;
}

function has(list: string[] | undefined, value: string): boolean {
  return !!list && (list.includes('*') || list.includes(value));
}

function resourceMatches(rule: PolicyRule, resource: string, subresource?: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (!!subresource && r.startsWith('*/') && r.slice(2) === subresource),
  );
}

function pathMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
  );
}

/** Whether one rule allows the request. */
export function ruleAllows(rule: PolicyRule, attrs: RequestAttributes): boolean {
  if (!has(rule.verbs, attrs.verb)) return false;
  if (!attrs.resource) return pathMatches(rule, attrs.path ?? '');
  if (!has(rule.apiGroups, attrs.apiGroup ?? '')) return false;
  if (!resourceMatches(rule, attrs.resource, attrs.subresource)) return false;
  if (!rule.resourceNames || rule.resourceNames.length === 0) return true;
  return !!attrs.name && rule.resourceNames.includes(attrs.name);
}

function rulesOf(role: KubeObject | undefined): PolicyRule[] {
  return (role?.rules as PolicyRule[] | undefined) ?? [];
}

/** Every rule that applies to the user in `namespace` (cluster-wide rules when namespace is empty). */
export function rulesFor(source: RbacSource, user: UserInfo, namespace?: string): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const b of source.clusterRoleBindings() as Binding[]) {
    if ((b.subjects ?? []).some((s) => subjectMatches(s, user)))
      rules.push(...rulesOf(source.clusterRole(b.roleRef.name)));
  }
  if (namespace) {
    for (const b of source.roleBindings(namespace) as Binding[]) {
      if (!(b.subjects ?? []).some((s) => subjectMatches(s, user, namespace))) continue;
      const role =
        b.roleRef.kind === 'ClusterRole' ? source.clusterRole(b.roleRef.name) : source.role(namespace, b.roleRef.name);
      rules.push(...rulesOf(role));
    }
  }
  return rules;
}

/** The RBAC decision, with the system:masters bypass that kube-apiserver applies before RBAC. */
export function authorize(source: RbacSource, user: UserInfo, attrs: RequestAttributes): boolean {
  if (user.groups.includes('system:masters')) return true;
  return rulesFor(source, user, attrs.namespace).some((rule) => ruleAllows(rule, attrs));
}
