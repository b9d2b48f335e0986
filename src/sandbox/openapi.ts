// OpenAPI v3 documents for what the sandbox serves: enough for kubectl apply's strategic patches and
// server-side field validation (the fieldValidation parameter on PATCH), so kubectl never falls back.
import { createHash } from 'node:crypto';
import { GROUP_VERSIONS, groupVersion, RESOURCES } from './resources';
import type { ResourceDef } from './types';

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const strMap: Schema = { type: 'object', additionalProperties: str };
const mergeList = (items: Schema, key: string): Schema => ({
  type: 'array',
  items,
  'x-kubernetes-patch-merge-key': key,
  'x-kubernetes-patch-strategy': 'merge',
});
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const loose: Schema = { type: 'object', additionalProperties: true };

/** A field's JSON shape; nested objects are loose (their own fields are not checked). */
type Shape = 'string' | 'integer' | 'boolean' | 'object' | 'strings' | 'objects' | 'strMap';
const SHAPES: Record<Shape, Schema> = {
  string: str,
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  object: loose,
  strings: { type: 'array', items: str },
  objects: { type: 'array', items: loose },
  strMap,
};
const fieldsOf = (fields: Record<string, Shape>): Record<string, Schema> =>
  Object.fromEntries(Object.entries(fields).map(([name, shape]) => [name, SHAPES[shape]]));

/** Every field kube-apiserver v1.36 knows on io.k8s.api.core.v1.Container (lists with merge keys are added below). */
const CONTAINER_FIELDS: Record<string, Shape> = {
  name: 'string',
  image: 'string',
  command: 'strings',
  args: 'strings',
  workingDir: 'string',
  envFrom: 'objects',
  resources: 'object',
  resizePolicy: 'objects',
  restartPolicy: 'string',
  restartPolicyRules: 'objects',
  livenessProbe: 'object',
  readinessProbe: 'object',
  startupProbe: 'object',
  lifecycle: 'object',
  terminationMessagePath: 'string',
  terminationMessagePolicy: 'string',
  imagePullPolicy: 'string',
  securityContext: 'object',
  stdin: 'boolean',
  stdinOnce: 'boolean',
  tty: 'boolean',
};

/** Every field kube-apiserver v1.36 knows on io.k8s.api.core.v1.PodSpec (lists with merge keys are added below). */
const POD_SPEC_FIELDS: Record<string, Shape> = {
  activeDeadlineSeconds: 'integer',
  affinity: 'object',
  automountServiceAccountToken: 'boolean',
  dnsConfig: 'object',
  dnsPolicy: 'string',
  enableServiceLinks: 'boolean',
  hostIPC: 'boolean',
  hostNetwork: 'boolean',
  hostPID: 'boolean',
  hostUsers: 'boolean',
  hostname: 'string',
  hostnameOverride: 'string',
  nodeName: 'string',
  nodeSelector: 'strMap',
  os: 'object',
  overhead: 'object',
  preemptionPolicy: 'string',
  priority: 'integer',
  priorityClassName: 'string',
  readinessGates: 'objects',
  resources: 'object',
  restartPolicy: 'string',
  runtimeClassName: 'string',
  schedulerName: 'string',
  securityContext: 'object',
  serviceAccount: 'string',
  serviceAccountName: 'string',
  setHostnameAsFQDN: 'boolean',
  shareProcessNamespace: 'boolean',
  subdomain: 'string',
  terminationGracePeriodSeconds: 'integer',
  tolerations: 'objects',
  workloadRef: 'object',
};

const COMMON: Record<string, Schema> = {
  [META]: {
    type: 'object',
    properties: {
      name: str,
      generateName: str,
      namespace: str,
      uid: str,
      resourceVersion: str,
      generation: { type: 'integer', format: 'int64' },
      creationTimestamp: str,
      deletionTimestamp: str,
      deletionGracePeriodSeconds: { type: 'integer', format: 'int64' },
      selfLink: str,
      labels: strMap,
      annotations: strMap,
      finalizers: { type: 'array', items: str, 'x-kubernetes-patch-strategy': 'merge' },
      ownerReferences: mergeList({ type: 'object', additionalProperties: true }, 'uid'),
      managedFields: { type: 'array', items: { type: 'object', additionalProperties: true } },
    },
  },
  'io.k8s.api.core.v1.Container': {
    type: 'object',
    required: ['name'],
    properties: {
      ...fieldsOf(CONTAINER_FIELDS),
      env: mergeList(loose, 'name'),
      volumeMounts: mergeList(loose, 'mountPath'),
      volumeDevices: mergeList(loose, 'devicePath'),
      ports: mergeList(loose, 'containerPort'),
    },
  },
  'io.k8s.api.core.v1.PodSpec': {
    type: 'object',
    properties: {
      ...fieldsOf(POD_SPEC_FIELDS),
      containers: mergeList(ref('io.k8s.api.core.v1.Container'), 'name'),
      initContainers: mergeList(ref('io.k8s.api.core.v1.Container'), 'name'),
      ephemeralContainers: mergeList(loose, 'name'),
      volumes: mergeList(loose, 'name'),
      imagePullSecrets: mergeList(loose, 'name'),
      hostAliases: mergeList(loose, 'ip'),
      topologySpreadConstraints: mergeList(loose, 'topologyKey'),
      resourceClaims: mergeList(loose, 'name'),
      schedulingGates: mergeList(loose, 'name'),
    },
  },
  'io.k8s.api.core.v1.PodTemplateSpec': {
    type: 'object',
    properties: { metadata: ref(META), spec: ref('io.k8s.api.core.v1.PodSpec') },
  },
};

/** The spec of a workload kind: its own fields as kube-apiserver v1.36 knows them, plus the pod template. */
const workloadSpec = (fields: Record<string, Shape>): Schema => ({
  type: 'object',
  properties: {
    ...fieldsOf({ minReadySeconds: 'integer', revisionHistoryLimit: 'integer', selector: 'object', ...fields }),
    template: ref('io.k8s.api.core.v1.PodTemplateSpec'),
  },
});
const FIELDS: Record<string, Record<string, Schema>> = {
  Namespace: { spec: loose, status: loose },
  Secret: {
    data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
    stringData: strMap,
    type: str,
    immutable: { type: 'boolean' },
  },
  ConfigMap: {
    data: strMap,
    binaryData: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
    immutable: { type: 'boolean' },
  },
  ServiceAccount: {
    secrets: mergeList(loose, 'name'),
    imagePullSecrets: { type: 'array', items: loose },
    automountServiceAccountToken: { type: 'boolean' },
  },
  Pod: { spec: ref('io.k8s.api.core.v1.PodSpec'), status: loose },
  Deployment: {
    spec: workloadSpec({
      replicas: 'integer',
      strategy: 'object',
      paused: 'boolean',
      progressDeadlineSeconds: 'integer',
    }),
    status: loose,
  },
  StatefulSet: {
    spec: workloadSpec({
      replicas: 'integer',
      serviceName: 'string',
      updateStrategy: 'object',
      podManagementPolicy: 'string',
      volumeClaimTemplates: 'objects',
      persistentVolumeClaimRetentionPolicy: 'object',
      ordinals: 'object',
    }),
    status: loose,
  },
  DaemonSet: { spec: workloadSpec({ updateStrategy: 'object' }), status: loose },
  Role: { rules: { type: 'array', items: loose } },
  ClusterRole: { rules: { type: 'array', items: loose }, aggregationRule: loose },
  RoleBinding: { roleRef: loose, subjects: { type: 'array', items: loose } },
  ClusterRoleBinding: { roleRef: loose, subjects: { type: 'array', items: loose } },
  Lease: { spec: loose },
};

function schemaName(def: ResourceDef): string {
  const pkg = def.group === '' ? 'core' : (def.group.split('.')[0] ?? def.group);
  return `io.k8s.api.${pkg}.${def.version}.${def.kind}`;
}

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];
const query = (name: string) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });

function operations(def: ResourceDef, gvk: Schema, item: boolean): Schema {
  const body = { content: { '*/*': { schema: ref(schemaName(def)) } }, required: true };
  const op = (action: string, extra: Schema = {}) => ({
    operationId: `${action}${def.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    responses: { '200': { content: { 'application/json': { schema: ref(schemaName(def)) } } } },
    ...extra,
  });
  const write = { parameters: [query('dryRun'), query('fieldManager'), query('fieldValidation')], requestBody: body };
  if (!item) return { get: op('list'), post: op('post', write) };
  return {
    get: op('get'),
    put: op('put', write),
    patch: op('patch', {
      parameters: [query('dryRun'), query('fieldManager'), query('fieldValidation'), query('force')],
      requestBody: {
        content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: { type: 'object' } }])),
        required: true,
      },
    }),
    delete: op('delete'),
  };
}

function resourceSchema(def: ResourceDef): Schema {
  return {
    type: 'object',
    properties: { apiVersion: str, kind: str, metadata: ref(META), ...FIELDS[def.kind] },
    'x-kubernetes-group-version-kind': [{ group: def.group, version: def.version, kind: def.kind }],
  };
}

/** Every schema the sandbox serves, by name, with refs as `#/components/schemas/<name>`. */
export function allSchemas(): Record<string, Schema> {
  const schemas: Record<string, Schema> = { ...COMMON };
  for (const def of RESOURCES) schemas[schemaName(def)] = resourceSchema(def);
  return schemas;
}

function document(gv: string): Schema {
  const defs = RESOURCES.filter((d) => groupVersion(d) === gv);
  const schemas: Record<string, Schema> = { ...COMMON };
  const paths: Record<string, Schema> = {};
  for (const def of defs) {
    const gvk = { group: def.group, version: def.version, kind: def.kind };
    schemas[schemaName(def)] = resourceSchema(def);
    const prefix = def.group ? `/apis/${gv}` : '/api/v1';
    const collection = def.namespaced ? `${prefix}/namespaces/{namespace}/${def.plural}` : `${prefix}/${def.plural}`;
    paths[collection] = operations(def, gvk, false);
    paths[`${collection}/{name}`] = operations(def, gvk, true);
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}

interface Served {
  body: string;
  hash: string;
}

const served = new Map<string, Served>();
for (const gv of ['v1', ...GROUP_VERSIONS.filter((g) => RESOURCES.some((d) => groupVersion(d) === g))]) {
  const body = JSON.stringify(document(gv));
  const path = gv === 'v1' ? 'api/v1' : `apis/${gv}`;
  served.set(path, { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() });
}

/** `/openapi/v3`: the index of per-group-version documents. */
export function openapiIndex(): string {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [path, s] of served) paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${s.hash}` };
  return JSON.stringify({ paths });
}

/** `/openapi/v3/<path>`: the document, or undefined if not served. */
export function openapiDocument(path: string): string | undefined {
  return served.get(path)?.body;
}
