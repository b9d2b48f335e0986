// Rollout restart, with the same strategic-merge patch as `kubectl rollout restart`; it works on templates without annotations.
import { type KubeConfig, type KubernetesObject, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { kubeError } from './api-error';

/** The annotation kubectl sets; changing it makes the controller roll out new pods. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export type RolloutKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

/**
 * The patch body. A strategic merge (not a JSON patch) creates `spec.template.metadata.annotations` when the
 * object has none: kube-apiserver omits an empty map, and a JSON patch `add` under it would get 422.
 * kubectl formats the time as RFC 3339 (seconds, zone).
 */
export function restartPatch(at: Date): { spec: { template: { metadata: { annotations: Record<string, string> } } } } {
  const stamp = `${at.toISOString().slice(0, 19)}Z`;
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: stamp } } } } };
}

/** Restarts a workload's pods as `kubectl rollout restart <kind>/<name>` does; returns the patched object. */
export async function rolloutRestart(
  kc: KubeConfig,
  target: { kind: RolloutKind; namespace: string; name: string },
  options: { at: Date; cluster?: string },
): Promise<KubernetesObject> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  const body = {
    apiVersion: 'apps/v1',
    kind: target.kind,
    metadata: { name: target.name, namespace: target.namespace },
    ...restartPatch(options.at),
  };
  try {
    return await api.patch(body, undefined, undefined, 'kubectl-rollout', undefined, PatchStrategy.StrategicMergePatch);
  } catch (error) {
    throw kubeError(error, `restarting ${target.kind} ${target.namespace}/${target.name}`, {
      cluster: options.cluster,
    });
  }
}
