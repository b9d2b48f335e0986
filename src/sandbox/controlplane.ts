// The writes a live control plane makes when nothing else changes: leader-election and node heartbeat Leases.
import { randomUUID } from 'node:crypto';
import type { Cluster } from './cluster';
import { findResource } from './resources';
import type { KubeObject, ResourceDef } from './types';

const LEASES = findResource('coordination.k8s.io', 'v1', 'leases') as ResourceDef;

/** Components that hold a leader-election Lease in kube-system, renewed every retry period (2 s upstream). */
const LEADERS = ['kube-controller-manager', 'kube-scheduler'];
const NODE = 'sandbox-node';
/** The kubelet renews its node Lease every 10 s; at the default 2 s tick that is every fifth tick. */
const NODE_EVERY = 5;

/** metav1.MicroTime as kube-apiserver writes it: RFC 3339 with microseconds. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Creates the Lease, or renews it (spec.renewTime), as a leader or kubelet would. */
function renew(cluster: Cluster, namespace: string, name: string, holder: string, durationSeconds: number): void {
  const now = microTime(cluster.clock.now());
  const current = cluster.find(LEASES, namespace, name);
  if (!current) {
    const spec = { holderIdentity: holder, leaseDurationSeconds: durationSeconds, acquireTime: now, renewTime: now };
    cluster.create(LEASES, { metadata: { name }, spec: { ...spec, leaseTransitions: 0 } }, namespace);
    return;
  }
  const spec = { ...(current.spec as Record<string, unknown>), holderIdentity: holder, renewTime: now };
  const next: KubeObject = { ...current, metadata: { ...current.metadata }, spec };
  cluster.update(LEASES, namespace, name, next);
}

/**
 * Renews the control plane's Leases every `intervalMs`, so the cluster-wide resourceVersion moves even when
 * no Secret changes, as on a real cluster. Returns a function that stops it.
 */
export function startBackgroundWrites(cluster: Cluster, intervalMs: number): () => void {
  const identity = `sandbox_${randomUUID()}`;
  let tick = 0;
  const beat = () => {
    for (const name of LEADERS) renew(cluster, 'kube-system', name, identity, 15);
    if (tick % NODE_EVERY === 0) renew(cluster, 'kube-node-lease', NODE, NODE, 40);
    tick++;
  };
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
