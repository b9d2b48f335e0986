// A simulated kube-controller-manager for apps/v1 workloads: API defaults on write, and status that catches up
// with a new generation shortly after, so `kubectl rollout status` waits and then completes.
import { createHash } from 'node:crypto';
import type { Cluster } from './cluster';
import { findResource } from './resources';
import { tableOf } from './store';
import type { KubeObject, ResourceDef } from './types';

type Spec = Record<string, unknown> & { replicas?: number; template?: unknown };
const WORKLOADS = ['deployments', 'statefulsets', 'daemonsets'].map(
  (plural) => findResource('apps', 'v1', plural) as ResourceDef,
);

/** SetDefaults_Deployment / _StatefulSet / _DaemonSet (pkg/apis/apps/v1/defaults.go), the parts clients read. */
export function defaultWorkload(plural: string, obj: KubeObject): void {
  const spec = (obj.spec ?? {}) as Spec;
  obj.spec = spec;
  spec.revisionHistoryLimit ??= 10;
  if (plural === 'deployments') {
    spec.replicas ??= 1;
    spec.progressDeadlineSeconds ??= 600;
    spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
  } else if (plural === 'statefulsets') {
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
  } else if (plural === 'daemonsets') {
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
  }
}

/** controller.ComputeHash-like revision name: the template's hash, 10 characters. */
function revision(name: string, template: unknown): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(template ?? {}))
    .digest('hex')
    .slice(0, 10);
  return `${name}-${hash}`;
}

function condition(type: string, reason: string, message: string, at: string): Record<string, string> {
  return { type, status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

/** The status a controller reports once every pod of this generation runs and is ready (one node). */
function settledStatus(plural: string, obj: KubeObject, at: string): Record<string, unknown> {
  const spec = (obj.spec ?? {}) as Spec;
  const generation = obj.metadata.generation ?? 1;
  const name = obj.metadata.name ?? '';
  const n = spec.replicas ?? 1;
  if (plural === 'daemonsets') {
    return {
      currentNumberScheduled: 1,
      desiredNumberScheduled: 1,
      numberAvailable: 1,
      numberMisscheduled: 0,
      numberReady: 1,
      observedGeneration: generation,
      updatedNumberScheduled: 1,
    };
  }
  if (plural === 'statefulsets') {
    const rev = revision(name, spec.template);
    return {
      availableReplicas: n,
      collisionCount: 0,
      currentReplicas: n,
      currentRevision: rev,
      observedGeneration: generation,
      readyReplicas: n,
      replicas: n,
      updateRevision: rev,
      updatedReplicas: n,
    };
  }
  const replicaSet = revision(name, spec.template);
  return {
    availableReplicas: n,
    conditions: [
      condition('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', at),
      condition('Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${replicaSet}" has successfully progressed.`, at),
    ],
    observedGeneration: generation,
    readyReplicas: n,
    replicas: n,
    updatedReplicas: n,
  };
}

const behind = (obj: KubeObject) =>
  ((obj.status as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0) <
  (obj.metadata.generation ?? 1);

/**
 * Watches apps/v1 workloads and, `delayMs` after a new generation appears, writes the settled status (as the
 * Deployment, StatefulSet and DaemonSet controllers would once the new pods are ready). Returns a stop function.
 */
export function startWorkloadController(cluster: Cluster, delayMs: number): () => void {
  const pending = new Map<string, NodeJS.Timeout>();
  const tables = new Map(WORKLOADS.map((d) => [tableOf(d), d]));
  const schedule = (def: ResourceDef, obj: KubeObject) => {
    const key = `${def.plural}/${obj.metadata.namespace}/${obj.metadata.name}`;
    if (pending.has(key)) return;
    const timer = setTimeout(() => {
      pending.delete(key);
      const current = cluster.find(def, obj.metadata.namespace, obj.metadata.name ?? '');
      if (!current || !behind(current)) return;
      const at = `${new Date(cluster.clock.now()).toISOString().slice(0, 19)}Z`;
      cluster.writeStatus(def, current, settledStatus(def.plural, current, at));
    }, delayMs);
    timer.unref();
    pending.set(key, timer);
  };
  for (const def of WORKLOADS) for (const obj of cluster.list(def)) if (behind(obj)) schedule(def, obj);
  const unsubscribe = cluster.store.subscribe((event) => {
    const def = tables.get(event.table);
    if (def && event.type !== 'DELETED' && behind(event.object)) schedule(def, event.object);
  });
  return () => {
    unsubscribe();
    for (const timer of pending.values()) clearTimeout(timer);
  };
}
