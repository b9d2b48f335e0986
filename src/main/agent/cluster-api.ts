// The generator's only door to clusters: reads and writes of workloads, RBAC objects and Secrets as raw JSON through client-node.
import {
  AppsV1Api,
  CoreV1Api,
  type KubeConfig,
  RbacAuthorizationV1Api,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { AppError } from '../../shared/errors';
import { httpStatus, kubeError } from '../kube/api-error';
import { rawCall } from '../kube/request-options';
import type { KubeDoc, Workload, WorkloadKind } from './workload-types';

const DEFAULT_TIMEOUT_MS = 30_000;
const SMP = 'application/strategic-merge-patch+json';

/** Raw JSON reads and the writes the generator and sealed delivery need, for one cluster. */
export interface AgentClusterApi {
  readWorkload(kind: WorkloadKind, namespace: string, name: string): Promise<Workload>;
  /** Deployments, StatefulSets and DaemonSets of a namespace. */
  listWorkloads(namespace: string): Promise<Workload[]>;
  /** The current object, or undefined when it does not exist yet. */
  readOptional(
    kind: 'ServiceAccount' | 'Role' | 'RoleBinding',
    namespace: string,
    name: string,
  ): Promise<KubeDoc | undefined>;
  /** Creates the object, or replaces it at the resourceVersion it was read at. */
  upsert(doc: KubeDoc, resourceVersion: string | undefined): Promise<void>;
  /** Strategic merge patch with a resourceVersion precondition (409 if the workload changed since it was read). */
  patchWorkload(
    kind: WorkloadKind,
    namespace: string,
    name: string,
    patch: object,
    resourceVersion: string,
  ): Promise<void>;
  readSecret(namespace: string, name: string): Promise<KubeDoc & { data?: Record<string, string> }>;
  /** Replaces the Secret at the resourceVersion it carries; returns the new resourceVersion. */
  replaceSecret(secret: KubeDoc): Promise<string>;
}

function conflictOr(error: unknown, what: string): AppError {
  const status = httpStatus(error);
  if (status === 409)
    return new AppError(
      'conflict',
      `Someone changed ${what} since it was read.`,
      'Generate the manifest again, check the new diff, and apply.',
    );
  if (status === 403)
    return new AppError(
      'forbidden',
      `The cluster's account may not ${what}.`,
      'Use a cluster whose account was set up with the read-write setup YAML, or apply the YAML with kubectl.',
    );
  return kubeError(error, what);
}

export function agentClusterApi(kc: KubeConfig, timeoutMs = DEFAULT_TIMEOUT_MS): AgentClusterApi {
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const raw = async <T>(
    what: string,
    run: (options: ReturnType<typeof rawCall>['options']) => Promise<unknown>,
  ): Promise<T> => {
    const call = rawCall(AbortSignal.timeout(timeoutMs));
    try {
      await run(call.options);
    } catch (error) {
      throw conflictOr(error, what);
    }
    return call.body() as T;
  };
  const write = async (what: string, run: () => Promise<unknown>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      throw conflictOr(error, what);
    }
  };
  const readers = {
    Deployment: (r: { name: string; namespace: string }, o: object) => apps.readNamespacedDeployment(r, o),
    StatefulSet: (r: { name: string; namespace: string }, o: object) => apps.readNamespacedStatefulSet(r, o),
    DaemonSet: (r: { name: string; namespace: string }, o: object) => apps.readNamespacedDaemonSet(r, o),
    ServiceAccount: (r: { name: string; namespace: string }, o: object) => core.readNamespacedServiceAccount(r, o),
    Role: (r: { name: string; namespace: string }, o: object) => rbac.readNamespacedRole(r, o),
    RoleBinding: (r: { name: string; namespace: string }, o: object) => rbac.readNamespacedRoleBinding(r, o),
  };
  return {
    readWorkload: (kind, namespace, name) =>
      raw<Workload>(`read ${kind} ${namespace}/${name}`, (o) => readers[kind]({ name, namespace }, o)),
    async readOptional(kind, namespace, name) {
      try {
        return await raw<KubeDoc>(`read ${kind} ${namespace}/${name}`, (o) => readers[kind]({ name, namespace }, o));
      } catch (error) {
        if ((error as AppError).code === 'not_found') return undefined;
        throw error;
      }
    },
    upsert(doc, resourceVersion) {
      const namespace = doc.metadata.namespace ?? '';
      const name = doc.metadata.name;
      const body = { ...doc, metadata: { ...doc.metadata, ...(resourceVersion ? { resourceVersion } : {}) } } as never;
      const verb = resourceVersion ? 'replace' : 'create';
      const what = `${verb} ${doc.kind} ${namespace}/${name}`;
      return write(what, () => {
        if (doc.kind === 'ServiceAccount')
          return resourceVersion
            ? core.replaceNamespacedServiceAccount({ name, namespace, body })
            : core.createNamespacedServiceAccount({ namespace, body });
        if (doc.kind === 'Role')
          return resourceVersion
            ? rbac.replaceNamespacedRole({ name, namespace, body })
            : rbac.createNamespacedRole({ namespace, body });
        if (doc.kind === 'RoleBinding')
          return resourceVersion
            ? rbac.replaceNamespacedRoleBinding({ name, namespace, body })
            : rbac.createNamespacedRoleBinding({ namespace, body });
        throw new Error(`upsert does not handle ${doc.kind}`);
      });
    },
    patchWorkload(kind, namespace, name, patch, resourceVersion) {
      const body = { ...patch, metadata: { resourceVersion } };
      const options = setHeaderOptions('Content-Type', SMP);
      const what = `patch ${kind} ${namespace}/${name}`;
      return write(what, () => {
        if (kind === 'Deployment') return apps.patchNamespacedDeployment({ name, namespace, body }, options);
        if (kind === 'StatefulSet') return apps.patchNamespacedStatefulSet({ name, namespace, body }, options);
        return apps.patchNamespacedDaemonSet({ name, namespace, body }, options);
      });
    },
    readSecret: (namespace, name) =>
      raw(`read Secret ${namespace}/${name}`, (o) => core.readNamespacedSecret({ name, namespace }, o)),
    async replaceSecret(secret) {
      const { name, namespace = '' } = secret.metadata;
      const saved = await raw<KubeDoc>(`replace Secret ${namespace}/${name}`, (o) =>
        core.replaceNamespacedSecret({ name, namespace, body: secret as never }, o),
      );
      return saved.metadata.resourceVersion ?? '';
    },
    async listWorkloads(namespace) {
      const what = `list workloads in ${namespace}`;
      const lists = await Promise.all([
        raw<{ items?: Workload[] }>(what, (o) => apps.listNamespacedDeployment({ namespace }, o)),
        raw<{ items?: Workload[] }>(what, (o) => apps.listNamespacedStatefulSet({ namespace }, o)),
        raw<{ items?: Workload[] }>(what, (o) => apps.listNamespacedDaemonSet({ namespace }, o)),
      ]);
      const kinds = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
      return lists.flatMap((l, i) =>
        (l.items ?? []).map((w) => ({ ...w, apiVersion: 'apps/v1', kind: kinds[i] as WorkloadKind })),
      );
    },
  };
}
