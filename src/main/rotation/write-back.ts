// Writes a rotated password into every mapped Secret key, guarded by resourceVersion; a changed key is reported, never overwritten.
import type { KubeConfig } from '@kubernetes/client-node';
import { AppError, isAppError } from '../../shared/errors';
import type { MappingSummary } from '../../shared/ipc/mapping';
import { kubeError } from '../kube/api-error';
import { renderMappedValue } from './mapping-store';

/** What happened to one Secret: written, already holding the new value, or refused (conflict, forbidden, …). */
export interface SecretWriteOutcome {
  clusterId: string;
  namespace: string;
  secret: string;
  keys: string[];
  outcome: 'written' | 'already_current' | 'failed';
  /** On failure: the error code and message (never a value). */
  error?: { code: string; message: string };
  /** On conflict: the resourceVersion the cluster holds now, to review before trying again. */
  currentResourceVersion?: string;
}

export interface SecretGroup {
  clusterId: string;
  namespace: string;
  secret: string;
  mappings: MappingSummary[];
}

/** Groups mappings by Secret, so each Secret gets one guarded patch carrying all its keys. */
export function groupBySecret(mappings: MappingSummary[]): SecretGroup[] {
  const groups = new Map<string, SecretGroup>();
  for (const m of mappings) {
    if (m.clusterId === null || m.namespace === null) continue;
    const id = JSON.stringify([m.clusterId, m.namespace, m.secret]);
    const group = groups.get(id) ?? { clusterId: m.clusterId, namespace: m.namespace, secret: m.secret, mappings: [] };
    group.mappings.push(m);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/**
 * Writes `newPassword` into one Secret's mapped keys. Each key must hold the old value (or already
 * the new one, on resume); anything else means someone changed it, which is reported as a conflict.
 */
export async function writeSecretGroup(
  kc: KubeConfig,
  group: SecretGroup,
  passwords: { user: string; old: string; new: string },
  options: { timeoutMs: number; cluster?: string; afterRead?: () => Promise<void> | undefined },
): Promise<SecretWriteOutcome> {
  const base = {
    clusterId: group.clusterId,
    namespace: group.namespace,
    secret: group.secret,
    keys: group.mappings.map((m) => m.key),
  };
  const what = `writing Secret ${group.namespace}/${group.secret}`;
  try {
    // Loaded on first use, so the app and the CLI start without the Kubernetes client.
    const [{ CoreV1Api }, { patchIfUnchanged }] = await Promise.all([
      import('../kube/client-apis'),
      import('../kube/writes'),
    ]);
    const core = kc.makeApiClient(CoreV1Api);
    const current = await core
      .readNamespacedSecret({ name: group.secret, namespace: group.namespace })
      .catch((error: unknown) => {
        throw kubeError(error, `reading Secret ${group.namespace}/${group.secret}`, { cluster: options.cluster });
      });
    const data: Record<string, string> = {};
    for (const m of group.mappings) {
      const held = Buffer.from(current.data?.[m.key] ?? '', 'base64');
      const next = Buffer.from(renderMappedValue(m.template, passwords.user, passwords.new), 'utf8');
      if (held.equals(next)) continue;
      if (!held.equals(Buffer.from(renderMappedValue(m.template, passwords.user, passwords.old), 'utf8'))) {
        return {
          ...base,
          outcome: 'failed',
          error: {
            code: 'conflict',
            message: `Key "${m.key}" no longer holds the password Strongroom knows; it was not overwritten.`,
          },
          currentResourceVersion: current.metadata?.resourceVersion ?? '',
        };
      }
      data[m.key] = next.toString('base64');
    }
    if (Object.keys(data).length === 0) return { ...base, outcome: 'already_current' };
    await options.afterRead?.();
    const ref = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: group.secret,
        namespace: group.namespace,
        resourceVersion: current.metadata?.resourceVersion ?? '',
      },
    };
    await patchIfUnchanged(
      kc,
      ref,
      { data },
      {
        what,
        timeoutMs: options.timeoutMs,
        strategy: 'merge',
        ...(options.cluster ? { cluster: options.cluster } : {}),
      },
    );
    return { ...base, outcome: 'written' };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const currentRv = (error as { current?: { metadata?: { resourceVersion?: string } } }).current?.metadata
      ?.resourceVersion;
    return {
      ...base,
      outcome: 'failed',
      error: { code: error.code, message: error.message },
      ...(currentRv ? { currentResourceVersion: currentRv } : {}),
    };
  }
}

/** The error a rotation ends with when some Secrets could not be written. */
export function writeBackError(failed: SecretWriteOutcome[], rotationId: string): AppError {
  const names = failed.map((f) => `${f.namespace}/${f.secret} (${f.error?.code})`).join(', ');
  return new AppError(
    failed.some((f) => f.error?.code === 'conflict')
      ? 'conflict'
      : ((failed[0]?.error?.code as AppError['code']) ?? 'internal'),
    `The password is changed at the target, but ${failed.length} Secret(s) were not written: ${names}.`,
    `Review them, fix access or the conflicting change, then run \`strongroom rotation resume ${rotationId}\` (or \`rollback ${rotationId}\`).`,
  );
}
