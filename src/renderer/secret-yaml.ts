// A Secret as YAML, shaped like `kubectl get secret -o yaml`, with each value masked until it is revealed.
import { stringify } from 'yaml';

/** What a masked value shows in place of its base64. */
export const MASK = '••••••';

/** The parts of a Secret its YAML shows; values come separately, and only once revealed. */
export interface SecretIdentity {
  name: string;
  namespace: string | null;
  type: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The YAML; a key found in `revealed` (base64 of its exact bytes) shows its value, every other key the mask. */
export function secretYaml(secret: SecretIdentity, keys: string[], revealed?: ReadonlyMap<string, string>): string {
  const metadata: Record<string, unknown> = { name: secret.name };
  if (secret.namespace) metadata.namespace = secret.namespace;
  if (Object.keys(secret.labels).length > 0) metadata.labels = secret.labels;
  if (Object.keys(secret.annotations).length > 0) metadata.annotations = secret.annotations;
  const data = Object.fromEntries(keys.map((k) => [k, revealed?.get(k) ?? MASK]));
  return stringify({ apiVersion: 'v1', kind: 'Secret', metadata, type: secret.type, data }, { lineWidth: 0 });
}

/** The columns of the hex view's lines that hold the bytes (`00000000  48 65 … 6f  |Hello|`). */
const HEX_COLUMNS = [10, 59] as const;

/** Rebuilds the exact bytes of a value from its hex view, where every byte is present. */
export function bytesFromHexDump(lines: string[]): Uint8Array {
  const pairs = lines.flatMap((line) =>
    line
      .slice(...HEX_COLUMNS)
      .trim()
      .split(/\s+/)
      .filter(Boolean),
  );
  return Uint8Array.from(pairs, (pair) => Number.parseInt(pair, 16));
}

/** Base64 of `bytes`, in chunks so that a 1 MiB value does not overflow the argument list. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}
