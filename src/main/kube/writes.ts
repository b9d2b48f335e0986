// Writes guarded by a resourceVersion precondition: a 409 becomes a `conflict` error that carries the server's current object.
import { type KubeConfig, type KubernetesObject, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { KubeApiError, kubeError, statusReason } from './api-error';

/** Someone else changed the object since we read it. `current` is what the server holds now (undefined if it is gone). */
export class KubeConflictError extends KubeApiError {
  constructor(
    what: string,
    readonly current: KubernetesObject | undefined,
    cluster: string | undefined,
    cause: unknown,
  ) {
    super(
      'conflict',
      `Someone else changed it while ${what}: the cluster holds a newer version.`,
      'Review the current version in the cluster, then try again.',
      409,
      statusReason(cause) ?? 'Conflict',
      cluster,
      { cause },
    );
  }
}

export interface WriteScope {
  /** What the write does, for errors: "writing Secret prod/db". */
  what: string;
  timeoutMs: number;
  cluster?: string;
}

/** Rejects with a TimeoutError when `promise` takes longer than `timeoutMs` (the request itself may still land). */
function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException('The write did not answer in time', 'TimeoutError')), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function guarded<T extends KubernetesObject>(
  kc: KubeConfig,
  ref: KubernetesObject,
  scope: WriteScope,
  write: (api: KubernetesObjectApi) => Promise<T>,
): Promise<T> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  try {
    return await within(write(api), scope.timeoutMs);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 409) throw kubeError(error, scope.what, { cluster: scope.cluster });
    const header = {
      apiVersion: ref.apiVersion ?? '',
      kind: ref.kind ?? '',
      metadata: { name: ref.metadata?.name ?? '', namespace: ref.metadata?.namespace },
    };
    const current = await within(api.read(header), scope.timeoutMs).catch(() => undefined);
    throw new KubeConflictError(scope.what, current, scope.cluster, error);
  }
}

function requireVersion(object: KubernetesObject): string {
  const rv = object.metadata?.resourceVersion;
  if (!rv) throw new Error('a guarded write needs metadata.resourceVersion (the version the change was based on)');
  return rv;
}

/** PUT of the whole object; the server refuses it (409) unless `metadata.resourceVersion` is still current. */
export function replaceIfUnchanged<T extends KubernetesObject>(
  kc: KubeConfig,
  object: T,
  scope: WriteScope,
): Promise<T> {
  requireVersion(object);
  return guarded(kc, object, scope, (api) => api.replace(object));
}

/**
 * A merge or strategic-merge patch that applies only if the object is still at `resourceVersion`: the
 * version rides in the patch's metadata, which the server checks like an update's precondition.
 */
export function patchIfUnchanged<T extends KubernetesObject>(
  kc: KubeConfig,
  ref: KubernetesObject & { metadata: { resourceVersion: string } },
  patch: Record<string, unknown>,
  scope: WriteScope & { strategy?: 'merge' | 'strategic' },
): Promise<T> {
  const rv = requireVersion(ref);
  const metadata = {
    ...((patch.metadata as Record<string, unknown>) ?? {}),
    name: ref.metadata.name,
    namespace: ref.metadata.namespace,
    resourceVersion: rv,
  };
  const body = { ...patch, apiVersion: ref.apiVersion, kind: ref.kind, metadata } as T;
  const strategy = scope.strategy === 'merge' ? PatchStrategy.MergePatch : PatchStrategy.StrategicMergePatch;
  return guarded(kc, ref, scope, (api) => api.patch(body, undefined, undefined, 'strongroom', undefined, strategy));
}
