// The resources the sandbox serves, with the verbs and short names discovery reports for them.
import type { ResourceDef } from './types';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const META = ['apiVersion', 'kind', 'metadata'];
const WORKLOAD = ['spec', 'status'];

export const RESOURCES: ResourceDef[] = [
  {
    group: '',
    version: 'v1',
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ns'],
    fields: ['spec', 'status'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    namespaced: true,
    verbs: ALL,
    fields: ['data', 'stringData', 'type', 'immutable'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    verbs: ALL,
    shortNames: ['cm'],
    fields: ['data', 'binaryData', 'immutable'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    namespaced: true,
    verbs: ALL,
    shortNames: ['sa'],
    subresources: { token: ['create'] },
    fields: ['secrets', 'imagePullSecrets', 'automountServiceAccountToken'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    verbs: ALL,
    shortNames: ['po'],
    hasSpec: false,
    fields: WORKLOAD,
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    verbs: ALL,
    shortNames: ['deploy'],
    hasSpec: true,
    fields: WORKLOAD,
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    verbs: ALL,
    shortNames: ['sts'],
    hasSpec: true,
    fields: WORKLOAD,
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    namespaced: true,
    verbs: ALL,
    shortNames: ['ds'],
    hasSpec: true,
    fields: WORKLOAD,
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural: 'roles',
    singular: 'role',
    kind: 'Role',
    namespaced: true,
    verbs: ALL,
    fields: ['rules'],
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural: 'rolebindings',
    singular: 'rolebinding',
    kind: 'RoleBinding',
    namespaced: true,
    verbs: ALL,
    fields: ['roleRef', 'subjects'],
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural: 'clusterroles',
    singular: 'clusterrole',
    kind: 'ClusterRole',
    namespaced: false,
    verbs: ALL,
    fields: ['rules', 'aggregationRule'],
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural: 'clusterrolebindings',
    singular: 'clusterrolebinding',
    kind: 'ClusterRoleBinding',
    namespaced: false,
    verbs: ALL,
    fields: ['roleRef', 'subjects'],
  },
  {
    group: 'coordination.k8s.io',
    version: 'v1',
    plural: 'leases',
    singular: 'lease',
    kind: 'Lease',
    namespaced: true,
    verbs: ALL,
    fields: ['spec'],
  },
];

/** Create-only review resources (no storage), served for discovery and RBAC. */
export const REVIEWS: ResourceDef[] = [
  {
    group: 'authentication.k8s.io',
    version: 'v1',
    plural: 'selfsubjectreviews',
    singular: 'selfsubjectreview',
    kind: 'SelfSubjectReview',
    namespaced: false,
    verbs: ['create'],
    fields: ['status'],
  },
  {
    group: 'authentication.k8s.io',
    version: 'v1',
    plural: 'tokenreviews',
    singular: 'tokenreview',
    kind: 'TokenReview',
    namespaced: false,
    verbs: ['create'],
    fields: ['spec', 'status'],
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    plural: 'selfsubjectaccessreviews',
    singular: 'selfsubjectaccessreview',
    kind: 'SelfSubjectAccessReview',
    namespaced: false,
    verbs: ['create'],
    fields: ['spec', 'status'],
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    plural: 'selfsubjectrulesreviews',
    singular: 'selfsubjectrulesreview',
    kind: 'SelfSubjectRulesReview',
    namespaced: false,
    verbs: ['create'],
    fields: ['spec', 'status'],
  },
];

for (const def of [...RESOURCES, ...REVIEWS]) def.fields = [...META, ...def.fields];

export const GROUP_VERSIONS = [
  'apps/v1',
  'rbac.authorization.k8s.io/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'coordination.k8s.io/v1',
];

export function groupVersion(def: { group: string; version: string }): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

const byPath = new Map<string, ResourceDef>();
for (const def of [...RESOURCES, ...REVIEWS]) byPath.set(`${def.group}/${def.version}/${def.plural}`, def);

export function findResource(group: string, version: string, plural: string): ResourceDef | undefined {
  return byPath.get(`${group}/${version}/${plural}`);
}

export function resourceByKind(kind: string): ResourceDef | undefined {
  return RESOURCES.find((d) => d.kind === kind);
}
