// Finds the workloads (and bare Pods) whose pods use a Secret, and each place their pod spec reads it.
import type {
  AppsV1Api,
  ConfigurationOptions,
  CoreV1Api,
  KubeConfig,
  V1PodSpec,
  V1PodTemplateSpec,
} from '@kubernetes/client-node';
import { AppError } from '../../shared/errors';
import type { ConsumerKind, SecretConsumer, SecretUsage } from '../../shared/ipc/secret-consumers';
import { hasAgentSidecar } from './agent-sidecar';
import { kubeError } from './api-error';
import type { RolloutKind } from './rollout';

/** A consumer rotation can restart, with the kinds of use (env, envFrom, volume, projected) for its plan. */
export interface Consumer extends SecretConsumer {
  kind: RolloutKind;
  /** The distinct kinds of use, e.g. `['env', 'volume']`. */
  uses: string[];
}

export const ROLLOUT_KINDS: RolloutKind[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** Every place pod spec `spec` reads Secret `secret`: env keys, envFrom, and volumes with where they are mounted. */
export function secretUsages(spec: V1PodSpec | undefined, secret: string): SecretUsage[] {
  if (!spec) return [];
  const containers = [...(spec.initContainers ?? []), ...spec.containers];
  const found: SecretUsage[] = [];
  for (const c of containers) {
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref?.name === secret) found.push({ via: 'env', container: c.name, env: e.name, key: ref.key });
    }
    if (c.envFrom?.some((e) => e.secretRef?.name === secret)) found.push({ via: 'envFrom', container: c.name });
  }
  for (const v of spec.volumes ?? []) {
    const via = v.secret?.secretName === secret ? 'volume' : undefined;
    const projected = v.projected?.sources?.some((s) => s.secret?.name === secret) ? 'projected' : undefined;
    const kind = via ?? projected;
    if (!kind) continue;
    const mounts = containers.flatMap((c) =>
      (c.volumeMounts ?? []).filter((m) => m.name === v.name).map((m) => ({ container: c.name, path: m.mountPath })),
    );
    if (mounts.length === 0) found.push({ via: kind });
    for (const m of mounts) found.push({ via: kind, container: m.container, mountPath: m.path });
  }
  return found;
}

/** The distinct kinds of use of Secret `secret` in a pod template (what rotation shows in its plan). */
export function secretUses(template: V1PodTemplateSpec, secret: string): string[] {
  return [...new Set(secretUsages(template.spec, secret).map((u) => u.via))];
}

interface PodHolder {
  metadata?: { name?: string; ownerReferences?: unknown[] };
  spec?: { template?: V1PodTemplateSpec } | V1PodSpec;
}

function podSpecOf(kind: ConsumerKind, item: PodHolder): V1PodSpec | undefined {
  if (kind === 'Pod') return item.spec as V1PodSpec | undefined;
  return (item.spec as { template?: V1PodTemplateSpec } | undefined)?.template?.spec;
}

interface Clients {
  apps: AppsV1Api;
  core: CoreV1Api;
  timeoutOptions(timeoutMs: number): ConfigurationOptions;
}

async function listKind(api: Clients, kind: ConsumerKind, namespace: string, timeoutMs?: number) {
  const options = timeoutMs ? api.timeoutOptions(timeoutMs) : undefined;
  const args = { namespace };
  if (kind === 'Deployment') return (await api.apps.listNamespacedDeployment(args, options)).items as PodHolder[];
  if (kind === 'StatefulSet') return (await api.apps.listNamespacedStatefulSet(args, options)).items as PodHolder[];
  if (kind === 'DaemonSet') return (await api.apps.listNamespacedDaemonSet(args, options)).items as PodHolder[];
  // A controller's pods are reached through the controller; only Pods nothing owns are consumers of their own.
  const pods = (await api.core.listNamespacedPod(args, options)).items as PodHolder[];
  return pods.filter((p) => (p.metadata?.ownerReferences ?? []).length === 0);
}

/** A refusal names the rights this list needs (kubeError's own fix speaks of Secrets). */
function listError(error: AppError, namespace: string): AppError {
  if (error.code !== 'forbidden') return error;
  return new AppError(
    'forbidden',
    error.message,
    `Grant the cluster's service account "list" on deployments, statefulsets, daemonsets (apps) and pods in ${namespace}.`,
  );
}

export interface ConsumerQuery {
  /** The cluster's name, for error messages. */
  cluster?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  kinds?: ConsumerKind[];
}

/** Every workload of `kinds` (default: the rollout kinds and bare Pods) in `namespace` whose pods use Secret `secret`. */
export async function listSecretConsumers(
  kc: KubeConfig,
  namespace: string,
  secret: string,
  query: ConsumerQuery = {},
): Promise<SecretConsumer[]> {
  const api = await clients(kc);
  const found: SecretConsumer[] = [];
  for (const kind of query.kinds ?? [...ROLLOUT_KINDS, 'Pod']) {
    let items: PodHolder[];
    try {
      items = await listKind(api, kind, namespace, query.timeoutMs);
    } catch (error) {
      throw listError(kubeError(error, `listing ${kind}s in ${namespace}`, { cluster: query.cluster }), namespace);
    }
    for (const item of items) {
      const spec = podSpecOf(kind, item);
      const usages = secretUsages(spec, secret);
      if (usages.length > 0) {
        found.push({ kind, namespace, name: item.metadata?.name ?? '', usages, agentSidecar: hasAgentSidecar(spec) });
      }
    }
  }
  return found;
}

/** The Deployments, StatefulSets and DaemonSets of `namespace` whose pods use Secret `secret` (rotation restarts them). */
export async function findConsumers(
  kc: KubeConfig,
  namespace: string,
  secret: string,
  cluster?: string,
): Promise<Consumer[]> {
  const found = await listSecretConsumers(kc, namespace, secret, {
    kinds: ROLLOUT_KINDS,
    ...(cluster ? { cluster } : {}),
  });
  return found.map((c) => ({ ...c, kind: c.kind as RolloutKind, uses: [...new Set(c.usages.map((u) => u.via))] }));
}

/** Loaded on first use, so the app and the CLI start without the Kubernetes client. */
async function clients(kc: KubeConfig): Promise<Clients> {
  const { AppsV1Api, CoreV1Api } = await import('@kubernetes/client-node');
  const { timeoutOptions } = await import('./request-options');
  return { apps: kc.makeApiClient(AppsV1Api), core: kc.makeApiClient(CoreV1Api), timeoutOptions };
}
