// Restarts the workloads that use a rotated Secret and waits for their rollouts (the finder is kube/consumers.ts).
import type { AppsV1Api, KubeConfig, V1PodTemplateSpec } from '@kubernetes/client-node';
import { kubeError } from '../kube/api-error';
import type { Consumer } from '../kube/consumers';
import type { RolloutKind } from '../kube/rollout';

/** The finder lives in kube/ so the Secret detail lists the same consumers rotation restarts. */
export { type Consumer, findConsumers } from '../kube/consumers';

interface Workload {
  metadata?: { name?: string; generation?: number };
  spec?: { template: V1PodTemplateSpec; replicas?: number };
  status?: object;
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
  const { AppsV1Api } = await import('@kubernetes/client-node');
  return kc.makeApiClient(AppsV1Api);
}
