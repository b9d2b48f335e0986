// The user-facing ClusterRoles view, edit and admin with kube-apiserver's real rules (bootstrappolicy/policy.go),
// their system:aggregate-to-* parts, and the aggregation flattened as the clusterrole-aggregation controller does.
import type { PolicyRule } from './rbac';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = [...READ, ...WRITE];

const rule = (verbs: string[], group: string, resources: string[]): PolicyRule => ({
  apiGroups: [group],
  resources,
  verbs,
});

const AGGREGATE_TO_VIEW: PolicyRule[] = [
  rule(READ, '', [
    'pods',
    'replicationcontrollers',
    'replicationcontrollers/scale',
    'serviceaccounts',
    'services',
    'services/status',
    'endpoints',
    'persistentvolumeclaims',
    'persistentvolumeclaims/status',
    'configmaps',
  ]),
  rule(READ, '', [
    'limitranges',
    'resourcequotas',
    'bindings',
    'events',
    'pods/status',
    'resourcequotas/status',
    'namespaces/status',
    'replicationcontrollers/status',
    'pods/log',
  ]),
  // Reading namespaces at namespace scope means reading *this* namespace.
  rule(READ, '', ['namespaces']),
  rule(READ, 'discovery.k8s.io', ['endpointslices']),
  rule(READ, 'apps', [
    'controllerrevisions',
    'statefulsets',
    'statefulsets/status',
    'statefulsets/scale',
    'daemonsets',
    'daemonsets/status',
    'deployments',
    'deployments/status',
    'deployments/scale',
    'replicasets',
    'replicasets/status',
    'replicasets/scale',
  ]),
  rule(READ, 'autoscaling', ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, 'batch', ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
  rule(READ, 'extensions', [
    'daemonsets',
    'daemonsets/status',
    'deployments',
    'deployments/scale',
    'deployments/status',
    'ingresses',
    'ingresses/status',
    'replicasets',
    'replicasets/scale',
    'replicasets/status',
    'replicationcontrollers/scale',
    'networkpolicies',
  ]),
  rule(READ, 'policy', ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, 'networking.k8s.io', ['networkpolicies', 'ingresses', 'ingresses/status']),
];

const AGGREGATE_TO_EDIT: PolicyRule[] = [
  // Read on escalating resources: Secrets are here, not in view.
  rule(READ, '', ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
  rule(['impersonate'], '', ['serviceaccounts']),
  rule(WRITE, '', ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
  rule(['create'], '', ['pods/eviction']),
  rule(WRITE, '', [
    'replicationcontrollers',
    'replicationcontrollers/scale',
    'serviceaccounts',
    'services',
    'services/proxy',
    'persistentvolumeclaims',
    'configmaps',
    'secrets',
  ]),
  rule(['create'], '', ['serviceaccounts/token']),
  rule(WRITE, 'apps', [
    'statefulsets',
    'statefulsets/scale',
    'daemonsets',
    'deployments',
    'deployments/scale',
    'deployments/rollback',
    'replicasets',
    'replicasets/scale',
  ]),
  rule(WRITE, 'autoscaling', ['horizontalpodautoscalers']),
  rule(WRITE, 'batch', ['jobs', 'cronjobs']),
  rule(WRITE, 'extensions', [
    'daemonsets',
    'deployments',
    'deployments/scale',
    'deployments/rollback',
    'ingresses',
    'replicasets',
    'replicasets/scale',
    'replicationcontrollers/scale',
    'networkpolicies',
  ]),
  rule(WRITE, 'policy', ['poddisruptionbudgets']),
  rule(WRITE, 'networking.k8s.io', ['networkpolicies', 'ingresses']),
];

const AGGREGATE_TO_ADMIN: PolicyRule[] = [
  rule(['create'], 'authorization.k8s.io', ['localsubjectaccessreviews']),
  rule(READ_WRITE, 'rbac.authorization.k8s.io', ['roles', 'rolebindings']),
];

export interface AggregatedRole {
  name: string;
  /** The aggregate-to label this role carries, if any. */
  aggregateTo?: string;
  /** The aggregate-to label this role selects, if it is aggregated. */
  selects?: string;
  rules: PolicyRule[];
}

const key = (r: PolicyRule) => JSON.stringify(r);

/** Appends the rules `from` holds that `into` lacks, as the aggregation controller does. */
function merged(...sets: PolicyRule[][]): PolicyRule[] {
  const seen = new Set<string>();
  const out: PolicyRule[] = [];
  for (const r of sets.flat()) {
    if (seen.has(key(r))) continue;
    seen.add(key(r));
    out.push(r);
  }
  return out;
}

// The controller sorts the selected roles by name: admin = [edit, system:aggregate-to-admin],
// edit = [system:aggregate-to-edit, view], view = [system:aggregate-to-view].
const VIEW = merged(AGGREGATE_TO_VIEW);
const EDIT = merged(AGGREGATE_TO_EDIT, VIEW);
const ADMIN = merged(EDIT, AGGREGATE_TO_ADMIN);

export const AGGREGATED_ROLES: AggregatedRole[] = [
  { name: 'admin', selects: 'admin', rules: ADMIN },
  { name: 'edit', aggregateTo: 'admin', selects: 'edit', rules: EDIT },
  { name: 'view', aggregateTo: 'edit', selects: 'view', rules: VIEW },
  { name: 'system:aggregate-to-admin', aggregateTo: 'admin', rules: AGGREGATE_TO_ADMIN },
  { name: 'system:aggregate-to-edit', aggregateTo: 'edit', rules: AGGREGATE_TO_EDIT },
  { name: 'system:aggregate-to-view', aggregateTo: 'view', rules: AGGREGATE_TO_VIEW },
];
