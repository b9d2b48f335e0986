// Finds the Deployments, StatefulSets and DaemonSets whose pods use a Secret, restarts them and waits for their rollouts.
import type { AppsV1Api, KubeConfig, V1PodTemplateSpec } from '@kubernetes/client-node';
import { kubeError } from '../kube/api-error';
import type { RolloutKind } from '../kube/rollout';

/** The secrets agent's sidecar refreshes mounted values by itself; its workloads are never restarted. */
export const AGENT_CONTAINER = 'strongroom-agent';
export const AGENT_MODE_ENV = 'STRONGROOM_AGENT_MODE';

export interface Consumer {
  kind: RolloutKind;
  namespace: string;
  name: string;
  /** How the pods use the Secret: env, envFrom, volume, projected. */
  uses: string[];
  /** True when the agent sidecar refreshes it, so no restart is needed. */
  agentSidecar: boolean;
}

interface Workload {
  metadata?: { name?: string; generation?: number };
  spec?: { template: V1PodTemplateSpec; replicas?: number };
  status?: object;
}

/** How a pod template uses Secret `secret`, if at all. */
export function secretUses(template: V1PodTemplateSpec, secret: string): string[] {
  const spec = template.spec;
  if (!spec) return [];
  const uses = new Set<string>();
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    if (c.env?.some((e) => e.valueFrom?.secretKeyRef?.name === secret)) uses.add('env');
    if (c.envFrom?.some((e) => e.secretRef?.name === secret)) uses.add('envFrom');
  }
  for (const v of spec.volumes ?? []) {
    if (v.secret?.secretName === secret) uses.add('volume');
    if (v.projected?.sources?.some((s) => s.secret?.name === secret)) uses.add('projected');
  }
  return [...uses];
}

/** Whether the template runs the secrets agent as a sidecar (which refreshes values itself). */
export function hasAgentSidecar(template: V1PodTemplateSpec): boolean {
  const containers = [...(template.spec?.containers ?? []), ...(template.spec?.initContainers ?? [])];
  return containers.some(
    (c) => c.name === AGENT_CONTAINER && c.env?.some((e) => e.name === AGENT_MODE_ENV && e.value === 'sidecar'),
  );
}

async function listKind(apps: AppsV1Api, kind: RolloutKind, namespace: string): Promise<Workload[]> {
  if (kind === 'Deployment') return (await apps.listNamespacedDeployment({ namespace })).items;
  if (kind === 'StatefulSet') return (await apps.listNamespacedStatefulSet({ namespace })).items;
  return (await apps.listNamespacedDaemonSet({ namespace })).items;
}

const KINDS: RolloutKind[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** Every workload of `namespace` whose pods use Secret `secret`. */
export async function findConsumers(
  kc: KubeConfig,
  namespace: string,
  secret: string,
  cluster?: string,
): Promise<Consumer[]> {
  const apps = await appsApi(kc);
  const found: Consumer[] = [];
  for (const kind of KINDS) {
    let items: Workload[];
    try {
      items = await listKind(apps, kind, namespace);
    } catch (error) {
      throw kubeError(error, `listing ${kind}s in ${namespace}`, { cluster });
    }
    for (const w of items) {
      const template = w.spec?.template;
      const uses = template ? secretUses(template, secret) : [];
      if (template && uses.length > 0) {
        found.push({ kind, namespace, name: w.metadata?.name ?? '', uses, agentSidecar: hasAgentSidecar(template) });
      }
    }
  }
  return found;
}

async function readWorkload(apps: AppsV1Api, c: Consumer): Promise<Workload> {
  const args = { name: c.name, namespace: c.namespace };
  if (c.kind === 'Deployment') return apps.readNamespacedDeployment(args);
  if (c.kind === 'StatefulSet') return apps.readNamespacedStatefulSet(args);
  return apps.readNamespacedDaemonSet(args);
}

/** Whether the controller has rolled out the newest template to every wanted pod (what `kubectl rollout status` waits for). */
export function rolloutComplete(kind: RolloutKind, w: Workload): boolean {
  const s = (w.status ?? {}) as Record<string, number | undefined>;
  if ((s.observedGeneration ?? 0) < (w.metadata?.generation ?? 0)) return false;
  if (kind === 'DaemonSet') return (s.updatedNumberScheduled ?? 0) >= (s.desiredNumberScheduled ?? 0);
  const wanted = w.spec?.replicas ?? 1;
  return (s.updatedReplicas ?? 0) >= wanted && (s.availableReplicas ?? 0) >= wanted && (s.replicas ?? 0) <= wanted;
}

/** Restarts one consumer like `kubectl rollout restart`, then polls until its rollout completes or `timeoutMs` passes. */
export async function restartAndWait(
  kc: KubeConfig,
  c: Consumer,
  options: { at: Date; timeoutMs: number; signal?: AbortSignal; cluster?: string },
): Promise<'complete' | 'timeout'> {
  const { rolloutRestart } = await import('../kube/rollout');
  await rolloutRestart(kc, c, { at: options.at, ...(options.cluster ? { cluster: options.cluster } : {}) });
  const apps = await appsApi(kc);
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const w = await readWorkload(apps, c).catch((error: unknown) => {
      throw kubeError(error, `watching the rollout of ${c.kind} ${c.namespace}/${c.name}`, {
        cluster: options.cluster,
      });
    });
    if (rolloutComplete(c.kind, w)) return 'complete';
    if (Date.now() >= deadline) return 'timeout';
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Loaded on first use, so the app and the CLI start without the Kubernetes client. */
async function appsApi(kc: KubeConfig): Promise<AppsV1Api> {
  const { AppsV1Api } = await import('../kube/client-apis');
  return kc.makeApiClient(AppsV1Api);
}
