// Permissions review: SelfSubjectAccessReviews for what the setup variant needs and for rights it should not have.
import { AuthorizationV1Api, type V1ResourceAttributes } from '@kubernetes/client-node';
import type { PermissionReport, SetupVariant } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import { httpStatus, isTimeout, timeoutError } from '../kube/api-error';
import { type KubeTarget, makeClient } from '../kube/connection';
import { timeoutOptions } from '../kube/request-options';
import { isClusterScoped, type RequiredPermission, requiredPermissions } from './setup-yaml';

export interface ReviewTarget extends KubeTarget {
  variant: SetupVariant;
  includeNamespaces: string[];
}

interface Check {
  perm: RequiredPermission;
  /** undefined: all namespaces (or a cluster-scoped resource). */
  namespace?: string;
}

/** Rights a Strongroom account never needs; holding one earns a warning. */
const EXCESS: { perm: RequiredPermission; label: string }[] = [
  { perm: { group: '*', resource: '*', verb: '*' }, label: 'every action on every resource (cluster-admin)' },
  { perm: { group: '', resource: 'secrets', verb: 'delete' }, label: 'delete Secrets' },
  {
    perm: { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', verb: 'create' },
    label: 'create ClusterRoleBindings',
  },
  { perm: { group: '', resource: 'users', verb: 'impersonate' }, label: 'impersonate users' },
];

function key(p: RequiredPermission): string {
  return `${p.group}/${p.resource}/${p.verb}`;
}

function attributes(check: Check): V1ResourceAttributes {
  const [resource, subresource] = check.perm.resource.split('/');
  const attrs: V1ResourceAttributes = { group: check.perm.group, resource, verb: check.perm.verb };
  if (subresource) attrs.subresource = subresource;
  if (check.namespace) attrs.namespace = check.namespace;
  return attrs;
}

function where(namespace: string | undefined, resource: string): string {
  if (isClusterScoped(resource)) return '';
  return namespace ? ` in ${namespace}` : ' (all namespaces)';
}

/** "get, list, watch secrets (all namespaces)" lines, one per resource and scope. */
function summarize(checks: Check[]): string[] {
  const byTarget = new Map<string, string[]>();
  for (const c of checks) {
    const label = `${c.perm.resource}${where(c.namespace, c.perm.resource)}`;
    byTarget.set(label, [...(byTarget.get(label) ?? []), c.perm.verb]);
  }
  return [...byTarget].map(([label, verbs]) => `${[...new Set(verbs)].join(', ')} ${label}`);
}

function neededChecks(target: ReviewTarget): Check[] {
  const needed = requiredPermissions(target.variant);
  if (target.variant !== 'namespaced') return needed.map((perm) => ({ perm }));
  const checks: Check[] = [];
  for (const perm of needed) {
    if (isClusterScoped(perm.resource)) {
      if (perm.resource !== 'namespaces') checks.push({ perm });
      continue;
    }
    for (const namespace of target.includeNamespaces) checks.push({ perm, namespace });
  }
  return checks;
}

/** `admin`: no Strongroom setup grants it; `variant`: a broader setup than the chosen one does. */
interface ExcessCheck {
  check: Check;
  label: string;
  kind: 'admin' | 'variant';
}

function excessChecks(target: ReviewTarget): ExcessCheck[] {
  const out: ExcessCheck[] = EXCESS.map(({ perm, label }) => ({ check: { perm }, label, kind: 'admin' }));
  const needed = new Set(requiredPermissions(target.variant).map(key));
  const namespace = target.variant === 'namespaced' ? target.includeNamespaces[0] : undefined;
  for (const perm of requiredPermissions('read-write')) {
    if (!needed.has(key(perm)))
      out.push({ check: { perm, namespace }, label: `${perm.verb} ${perm.resource}`, kind: 'variant' });
  }
  if (target.variant === 'namespaced') {
    out.push({
      check: { perm: { group: '', resource: 'secrets', verb: 'list' } },
      label: 'list Secrets in all namespaces',
      kind: 'variant',
    });
  }
  return out;
}

/** Asks the API server what this token may do; the answers come from its own authorizer (RBAC, webhooks). */
export async function reviewPermissions(
  target: ReviewTarget,
  who: { username?: string; groups: string[] },
): Promise<PermissionReport> {
  const api = makeClient(target, AuthorizationV1Api);
  const can = async (check: Check): Promise<boolean> => {
    try {
      const review = await api.createSelfSubjectAccessReview(
        {
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: { resourceAttributes: attributes(check) },
          },
        },
        timeoutOptions(target.timeoutMs),
      );
      return review.status?.allowed === true;
    } catch (error) {
      if (isTimeout(error)) throw timeoutError(target.timeoutMs, 'The permissions review');
      if (httpStatus(error) === 403) {
        throw new AppError(
          'forbidden',
          'The account may not review its own permissions (SelfSubjectAccessReview).',
          'Apply the setup YAML: its role allows the self-reviews the connection test needs.',
        );
      }
      throw new AppError(
        'internal',
        `The permissions review failed${httpStatus(error) ? ` with HTTP ${httpStatus(error)}` : ''}.`,
        'Test again.',
      );
    }
  };
  const needed = neededChecks(target);
  const excess = excessChecks(target);
  const [neededAnswers, excessAnswers] = await Promise.all([
    Promise.all(needed.map(can)),
    Promise.all(excess.map((e) => can(e.check))),
  ]);
  const allowed = needed.filter((_, i) => neededAnswers[i]);
  const missing = needed.filter((_, i) => !neededAnswers[i]);
  const held = excess.filter((_, i) => excessAnswers[i]);
  // Cluster-admin holds everything else too: naming it alone says it all.
  const clusterAdmin = excessAnswers[0] === true;
  const excessive = clusterAdmin
    ? [excess[0]?.label ?? '']
    : held.filter((e) => e.kind === 'admin').map((e) => e.label);
  const beyondVariant = clusterAdmin ? [] : held.filter((e) => e.kind === 'variant').map((e) => e.label);
  if (target.variant === 'namespaced' && target.includeNamespaces.length === 0) {
    missing.push({ perm: { group: '', resource: 'secrets', verb: 'list' }, namespace: '(no namespace chosen)' });
  }
  const report: PermissionReport = {
    groups: who.groups,
    allowed: summarize(allowed),
    missing: summarize(missing),
    excessive,
    beyondVariant,
  };
  if (who.username) report.username = who.username;
  return report;
}
