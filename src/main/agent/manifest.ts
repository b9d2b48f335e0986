// Builds what a workload needs for the secrets agent: the container, the in-memory volume and mounts, and least-privilege RBAC.
import { AGENT_CONTAINER, AGENT_MODE_ENV } from '../kube/agent-sidecar';
import type { Container, KubeDoc, PodSpec, Workload } from './workload-types';

/** The agent's container name; the sidecar check that reads it is in kube/agent-sidecar.ts. */
export { AGENT_CONTAINER };
export const SECRETS_VOLUME = 'strongroom-secrets';
export const KEY_VOLUME = 'strongroom-agent-key';
export const SECRETS_DIR = '/strongroom/secrets';
export const KEY_DIR = '/strongroom/key';
export const HEALTH_PORT = 8099;
export const DEFAULT_IMAGE = 'ghcr.io/strongroom/secrets-agent:0.1.0';
/** The uid the agent runs as when the application's is not declared (distroless "nonroot"). */
const FALLBACK_UID = 65532;
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'strongroom' };

/** What the user picks in the generator (or on the CLI). */
export interface AgentOptions {
  secrets: string[];
  mode: 'init' | 'sidecar';
  sealed: boolean;
  image?: string;
  layout?: 'files' | 'json' | 'env';
  /** `watch` or an interval such as `30s` (sidecar only). */
  refresh?: string;
}

/** Everything `kubectl apply -f` needs, and the strategic merge patch for `kubectl patch`. */
export interface AgentManifest {
  agentName: string;
  workload: Workload;
  patch: { spec: { template: { spec: Partial<PodSpec> } } };
  serviceAccount?: KubeDoc;
  role: KubeDoc;
  roleBinding: KubeDoc;
  /** Things the user should know, e.g. that the pod's ServiceAccount stays what it was. */
  notes: string[];
}

function agentEnv(options: AgentOptions): { name: string; value: string }[] {
  const env = [
    { name: AGENT_MODE_ENV, value: options.mode },
    { name: 'STRONGROOM_AGENT_SECRETS', value: options.secrets.join(',') },
    { name: 'STRONGROOM_AGENT_DIR', value: SECRETS_DIR },
    { name: 'STRONGROOM_AGENT_LAYOUT', value: options.layout ?? 'files' },
    { name: 'STRONGROOM_AGENT_FILE_MODE', value: '0400' },
  ];
  if (options.mode === 'sidecar') {
    env.push({ name: 'STRONGROOM_AGENT_REFRESH', value: options.refresh ?? 'watch' });
    env.push({ name: 'STRONGROOM_AGENT_HEALTH_PORT', value: String(HEALTH_PORT) });
  }
  if (options.sealed) env.push({ name: 'STRONGROOM_AGENT_PRIVATE_KEY_FILE', value: `${KEY_DIR}/private.pem` });
  return env;
}

/** The application's uid: the agent runs as it, so that 0400 files are readable by the application and no one else. */
function appUid(spec: PodSpec): number | undefined {
  return (
    spec.containers.find((c) => c.securityContext?.runAsUser !== undefined)?.securityContext?.runAsUser ??
    spec.securityContext?.runAsUser
  );
}

function agentContainer(options: AgentOptions, uid: number): Container {
  const mounts = [{ name: SECRETS_VOLUME, mountPath: SECRETS_DIR }];
  if (options.sealed) mounts.push({ name: KEY_VOLUME, mountPath: KEY_DIR, readOnly: true } as (typeof mounts)[number]);
  const container: Container = {
    name: AGENT_CONTAINER,
    image: options.image ?? DEFAULT_IMAGE,
    env: agentEnv(options),
    volumeMounts: mounts,
    securityContext: {
      runAsUser: uid,
      runAsNonRoot: uid !== 0,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
  };
  if (options.mode === 'sidecar') {
    // A native sidecar (an init container that keeps running): the app starts only after the first write.
    container.restartPolicy = 'Always';
    const probe = { httpGet: { path: '/healthz', port: HEALTH_PORT } };
    container.startupProbe = { ...probe, periodSeconds: 1, failureThreshold: 120 };
    container.livenessProbe = { ...probe, periodSeconds: 30, failureThreshold: 10 };
  }
  return container;
}

function volumes(options: AgentOptions, agentName: string): NonNullable<PodSpec['volumes']> {
  const list: NonNullable<PodSpec['volumes']> = [
    { name: SECRETS_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } },
  ];
  if (options.sealed) list.push({ name: KEY_VOLUME, secret: { secretName: `${agentName}-key`, defaultMode: 0o400 } });
  return list;
}

function rbac(
  workload: Workload,
  options: AgentOptions,
  agentName: string,
  saName: string,
): { role: KubeDoc; roleBinding: KubeDoc } {
  const namespace = workload.metadata.namespace;
  const metadata = { name: agentName, namespace, labels: MANAGED_BY };
  // Init reads each Secret by GET. A sidecar also lists and watches with fieldSelector=metadata.name=X, which
  // kube-apiserver authorizes as a request for that name, so resourceNames still limits it to these Secrets.
  const verbs = options.mode === 'init' ? ['get'] : ['get', 'list', 'watch'];
  return {
    role: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata,
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [...options.secrets], verbs }],
    },
    roleBinding: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: agentName },
      subjects: [{ kind: 'ServiceAccount', name: saName, namespace }],
    },
  };
}

/** Strips what the server owns, so that `kubectl apply -f` accepts the object as written. */
export function forApply(workload: Workload): Workload {
  const { name, namespace, labels, annotations } = workload.metadata;
  const kept = { ...(annotations ?? {}) };
  delete kept['kubectl.kubernetes.io/last-applied-configuration'];
  delete kept['deployment.kubernetes.io/revision'];
  const metadata = {
    name,
    namespace,
    ...(labels ? { labels } : {}),
    ...(Object.keys(kept).length ? { annotations: kept } : {}),
  };
  return { apiVersion: workload.apiVersion, kind: workload.kind, metadata, spec: structuredClone(workload.spec) };
}

/** Adds the agent to `workload`; the input is not modified. Secret names must already be validated. */
export function buildAgentManifest(workload: Workload, options: AgentOptions): AgentManifest {
  const agentName = `${workload.metadata.name}-secrets-agent`;
  const pod = workload.spec.template.spec;
  const notes: string[] = [];
  const existingSa =
    pod.serviceAccountName && pod.serviceAccountName !== 'default' ? pod.serviceAccountName : undefined;
  const saName = existingSa ?? agentName;
  if (existingSa) notes.push(`The pod keeps its ServiceAccount "${existingSa}"; the Role is bound to it.`);
  const uid = appUid(pod);
  if (uid === undefined)
    notes.push(
      `The application's runAsUser is not set; the agent runs as ${FALLBACK_UID} and its 0400 files are readable only by that uid. Set runAsUser on the pod to share them.`,
    );
  if (options.sealed)
    notes.push(
      `Sealed delivery: create Secret "${agentName}-key" (key private.pem) from \`strongroom agent keygen\` before the pod starts.`,
    );
  const agent = agentContainer(options, uid ?? FALLBACK_UID);
  const appMounts = pod.containers.map((c) => ({
    name: c.name,
    volumeMounts: [{ name: SECRETS_VOLUME, mountPath: SECRETS_DIR, readOnly: true }],
  }));
  const podPatch: Partial<PodSpec> = {
    initContainers: [agent],
    containers: appMounts,
    volumes: volumes(options, agentName),
  };
  if (!existingSa) podPatch.serviceAccountName = saName;
  const patch = { spec: { template: { spec: podPatch } } };

  const merged = forApply(workload);
  const spec = merged.spec.template.spec;
  spec.initContainers = [...(spec.initContainers ?? []).filter((c) => c.name !== AGENT_CONTAINER), agent];
  spec.containers = spec.containers.map((c) => ({
    ...c,
    volumeMounts: [
      ...(c.volumeMounts ?? []).filter((m) => m.mountPath !== SECRETS_DIR),
      { name: SECRETS_VOLUME, mountPath: SECRETS_DIR, readOnly: true },
    ],
  }));
  const ours = new Set([SECRETS_VOLUME, KEY_VOLUME]);
  spec.volumes = [...(spec.volumes ?? []).filter((v) => !ours.has(v.name)), ...volumes(options, agentName)];
  spec.serviceAccountName = saName;

  const serviceAccount: KubeDoc | undefined = existingSa
    ? undefined
    : {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: agentName, namespace: workload.metadata.namespace, labels: MANAGED_BY },
      };
  return { agentName, workload: merged, patch, serviceAccount, ...rbac(workload, options, agentName, saName), notes };
}

/** The documents in apply order: ServiceAccount, Role, RoleBinding, then the workload. */
export function manifestDocuments(m: AgentManifest): KubeDoc[] {
  return [...(m.serviceAccount ? [m.serviceAccount] : []), m.role, m.roleBinding, m.workload as unknown as KubeDoc];
}
