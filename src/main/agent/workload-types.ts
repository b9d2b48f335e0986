// The parts of Kubernetes workload objects the agent generator reads and writes, as plain JSON shapes.

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export const WORKLOAD_KINDS: Record<string, WorkloadKind> = {
  deploy: 'Deployment',
  deployment: 'Deployment',
  deployments: 'Deployment',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
};

export interface Container {
  name: string;
  image?: string;
  securityContext?: { runAsUser?: number; runAsGroup?: number; [k: string]: unknown };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  [k: string]: unknown;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; [k: string]: unknown }[];
  serviceAccountName?: string;
  securityContext?: { runAsUser?: number; runAsGroup?: number; fsGroup?: number; [k: string]: unknown };
  [k: string]: unknown;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  [k: string]: unknown;
}

/** A Deployment, StatefulSet or DaemonSet as JSON. */
export interface Workload {
  apiVersion: string;
  kind: WorkloadKind;
  metadata: ObjectMeta;
  spec: { template: { metadata?: ObjectMeta | Record<string, unknown>; spec: PodSpec }; [k: string]: unknown };
  status?: unknown;
}

/** Any object the generator emits (ServiceAccount, Role, RoleBinding, the workload). */
export interface KubeDoc {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [k: string]: unknown;
}
