// Reads Secrets out of parsed documents (Secret, List, SecretList, multi-document), checking every field.
import type { SecretRecord } from '../../shared/secrets';
import { badFile, short } from './offline-parse';

type Obj = Record<string, unknown>;

export interface FileSecrets {
  secrets: SecretRecord[];
  /** Plain-language notes about what was skipped or is odd; never holds a value. */
  warnings: string[];
}

const KEY_NAME = /^[-._a-zA-Z0-9]{1,253}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const FIX_BASE64 = 'Values under `data` must be base64; put plain text under `stringData` instead.';

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A string map such as labels; `what` names it in errors ("the labels of Secret ns/x"). */
function stringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObj(value)) throw badFile(`${what} should be a mapping of names to text, but is ${describe(value)}.`);
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner !== 'string')
      throw badFile(`In ${what}, "${short(key)}" should be text, but is ${describe(inner)}.`);
  }
  return Object.fromEntries(Object.entries(value) as [string, string][]);
}

/** Decodes base64 as the API server does (line breaks ignored); undefined plus the bad offset otherwise. */
function decodeBase64(value: string): { bytes?: Uint8Array; badAt?: number } {
  const compact = value.includes('\n') || value.includes('\r') ? value.replace(/[\r\n]/g, '') : value;
  if (!BASE64.test(compact) || compact.length % 4 !== 0) {
    const bad = compact.search(/[^A-Za-z0-9+/=]/);
    return { badAt: bad >= 0 ? bad + 1 : compact.length };
  }
  return { bytes: new Uint8Array(Buffer.from(compact, 'base64')) };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function readData(secret: Obj, label: string, warnings: string[]): Record<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  const data = secret.data ?? undefined;
  if (data !== undefined && data !== null && !isObj(data))
    throw badFile(`The data of ${label} is ${describe(data)}, not a mapping.`);
  for (const [key, value] of Object.entries(data ?? {})) {
    if (typeof value !== 'string')
      throw badFile(`In ${label}, data key "${short(key)}" is ${describe(value)}, not base64 text.`);
    const { bytes, badAt } = decodeBase64(value);
    if (!bytes)
      throw badFile(`In ${label}, data key "${short(key)}" is not valid base64 (near character ${badAt}).`, FIX_BASE64);
    entries.set(key, bytes);
  }
  const stringData = secret.stringData ?? undefined;
  if (stringData !== undefined && stringData !== null && !isObj(stringData)) {
    throw badFile(`The stringData of ${label} is ${describe(stringData)}, not a mapping.`);
  }
  for (const [key, value] of Object.entries(stringData ?? {})) {
    if (typeof value !== 'string')
      throw badFile(`In ${label}, stringData key "${short(key)}" is ${describe(value)}, not text.`);
    if (entries.delete(key)) {
      warnings.push(`${label}: "${short(key)}" is in both data and stringData; stringData wins, as on the API server.`);
    }
    entries.set(key, new TextEncoder().encode(value));
  }
  const badNames = [...entries.keys()].filter((key) => !KEY_NAME.test(key)).map((key) => `"${short(key)}"`);
  if (badNames.length > 0) {
    warnings.push(
      `${label}: Kubernetes would refuse the key name ${badNames.slice(0, 3).join(', ')} (letters, digits, - . _ only).`,
    );
  }
  return Object.fromEntries(entries);
}

/** Reads one object already known to be a Secret; `where` says where it sits in the file. */
export function readSecret(object: Obj, where: string, warnings: string[]): SecretRecord {
  const metadata = object.metadata;
  if (!isObj(metadata)) throw badFile(`${where} is a Secret without metadata.`);
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') throw badFile(`${where} is a Secret without metadata.name.`);
  const namespace = metadata.namespace ?? '';
  if (typeof namespace !== 'string') throw badFile(`${where}: metadata.namespace is ${describe(namespace)}, not text.`);
  const label = `Secret "${namespace ? `${namespace}/` : ''}${short(name)}"`;
  const type = object.type ?? 'Opaque';
  if (typeof type !== 'string') throw badFile(`The type of ${label} is ${describe(type)}, not text.`);
  const record: SecretRecord = {
    namespace,
    name,
    type,
    labels: stringMap(metadata.labels, `the labels of ${label}`),
    annotations: stringMap(metadata.annotations, `the annotations of ${label}`),
    data: readData(object, label, warnings),
  };
  if (typeof object.immutable === 'boolean') record.immutable = object.immutable;
  const resourceVersion = optionalString(metadata.resourceVersion);
  if (resourceVersion !== undefined) record.resourceVersion = resourceVersion;
  const uid = optionalString(metadata.uid);
  if (uid !== undefined) record.uid = uid;
  const created = optionalString(metadata.creationTimestamp);
  if (created !== undefined) record.creationTimestamp = created;
  return record;
}

function kindName(kind: unknown): string {
  return typeof kind === 'string' && kind !== '' ? kind : '(no kind)';
}

/** "a Deployment", "2 ConfigMaps and a Service": what a file held instead of Secrets. */
function summariseKinds(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) =>
    n === 1 ? `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}` : `${n} ${kind}s`,
  );
  return parts.length <= 1 ? (parts[0] ?? 'nothing') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Every Secret in the documents, in file order; objects of other kinds are skipped with a warning. */
export function secretsFromDocuments(fileName: string, documents: unknown[]): FileSecrets {
  const secrets: SecretRecord[] = [];
  const warnings: string[] = [];
  const others: string[] = [];
  const present = documents.filter((doc) => doc !== null && doc !== undefined);
  present.forEach((doc, n) => {
    const where = present.length > 1 ? `Document ${n + 1} of "${fileName}"` : `"${fileName}"`;
    if (!isObj(doc)) throw badFile(`${where} is ${describe(doc)}, not a Kubernetes object.`);
    if (doc.kind === 'Secret') secrets.push(readSecret(doc, where, warnings));
    else if (doc.kind === 'List' || doc.kind === 'SecretList') {
      if (!Array.isArray(doc.items)) throw badFile(`${where} is a ${doc.kind} without an items list.`);
      doc.items.forEach((item: unknown, i) => {
        const itemWhere = `Item ${i + 1} of the ${doc.kind} in ${where}`;
        if (!isObj(item)) throw badFile(`${itemWhere} is ${describe(item)}, not a Kubernetes object.`);
        // The API server leaves kind out of a SecretList's items; kubectl fills it in.
        const kind = item.kind ?? (doc.kind === 'SecretList' ? 'Secret' : undefined);
        if (kind === 'Secret') secrets.push(readSecret(item, itemWhere, warnings));
        else others.push(kindName(kind));
      });
    } else if (doc.kind === undefined) {
      throw badFile(`${where} has no "kind", so it is not a Kubernetes object.`);
    } else others.push(kindName(doc.kind));
  });
  if (secrets.length === 0) {
    if (others.length > 0) {
      throw badFile(
        `"${fileName}" holds ${summariseKinds(others)}, not Secrets.`,
        'Open a file of Secrets, e.g. from `kubectl get secrets -o yaml`.',
      );
    }
    throw badFile(
      `"${fileName}" holds no Secrets.`,
      'Open a file of Secrets, e.g. from `kubectl get secrets -o yaml`.',
    );
  }
  if (others.length > 0) warnings.push(`Skipped ${summariseKinds(others)}: only Secrets are reviewed.`);
  const seen = new Set<string>();
  for (const s of secrets) {
    const id = `${s.namespace}/${s.name}`;
    if (seen.has(id)) warnings.push(`Secret "${id}" appears more than once; each copy is listed.`);
    seen.add(id);
  }
  return { secrets, warnings };
}
