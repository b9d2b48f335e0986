// What the store derives from a Secret as the API serves it: keys, sizes, author, visibility.
import { LAST_APPLIED_ANNOTATION, type SecretRecord } from '../../shared/secrets';
import type { ManagedField, SecretMeta, SecretMetadata } from '../kube/secret-types';

/** Helm release records and service-account tokens: hidden unless the user asks for them. */
export const HIDDEN_TYPES: ReadonlySet<string> = new Set(['helm.sh/release.v1', 'kubernetes.io/service-account-token']);

export function isHidden(type: string | undefined): boolean {
  return HIDDEN_TYPES.has(type ?? '');
}

/**
 * The same judgement from metadata alone, for lists that carry no type: Helm names its release
 * Secrets `sh.helm.release.v1.*`, and a token Secret names its ServiceAccount in an annotation.
 */
export function looksHidden(meta: SecretMeta): boolean {
  if (meta.type !== undefined) return isHidden(meta.type);
  const name = meta.metadata.name ?? '';
  return (
    name.startsWith('sh.helm.release.v1.') || Boolean(meta.metadata.annotations?.['kubernetes.io/service-account.name'])
  );
}

/** Decoded byte length of a base64 string, without decoding it. */
export function base64Size(value: string): number {
  const len = value.length;
  if (len === 0) return 0;
  const pad = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return Math.floor((len * 3) / 4) - pad;
}

/** Key names in source order with their byte sizes. */
export function keySizes(data: Record<string, string> | undefined): { name: string; size: number }[] {
  return Object.entries(data ?? {}).map(([name, value]) => ({ name, size: base64Size(value) }));
}

/** The manager of the most recent managedFields entry: who last changed the Secret, where the server says. */
export function changedBy(metadata: SecretMetadata | undefined): string | null {
  let best: ManagedField | undefined;
  for (const f of metadata?.managedFields ?? []) {
    if (!f.manager) continue;
    if (!best || (f.time ?? '') >= (best.time ?? '')) best = f;
  }
  return best?.manager ?? null;
}

/** Annotations safe to show: kubectl's last-applied copy repeats the values in clear, so it is replaced by a note. */
export function visibleAnnotations(annotations: Record<string, string>): Record<string, string> {
  if (!(LAST_APPLIED_ANNOTATION in annotations)) return annotations;
  return { ...annotations, [LAST_APPLIED_ANNOTATION]: '(kept in the vault; it repeats the values in clear)' };
}

/** The stored form of a version's data back as exact bytes per key. */
export function decodeData(json: string): Record<string, Uint8Array> {
  const data = JSON.parse(json) as Record<string, string>;
  const out: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(data)) out[key] = Buffer.from(value, 'base64');
  return out;
}

/** Builds the domain SecretRecord (for export) from an account's stored fields. */
export function toSecretRecord(row: {
  namespace: string | null;
  name: string;
  secret_type: string;
  labels: string;
  annotations: string;
  data: string;
}): SecretRecord {
  const annotations = JSON.parse(row.annotations) as Record<string, string>;
  delete annotations[LAST_APPLIED_ANNOTATION];
  return {
    namespace: row.namespace ?? '',
    name: row.name,
    type: row.secret_type,
    labels: JSON.parse(row.labels) as Record<string, string>,
    annotations,
    data: decodeData(row.data),
  };
}
