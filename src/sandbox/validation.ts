// Create/update validation with kube-apiserver's field paths and messages (422 Invalid causes).
import type { KubeObject } from './types';

export interface Cause {
  field: string;
  message: string;
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_SECRET_BYTES = 1024 * 1024;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

export function validateName(name: string | undefined, kind: string): Cause[] {
  if (!name) return [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }];
  if (['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(kind)) {
    // RBAC names are path segments (path.IsValidPathSegmentName), so `system:basic-user` is valid.
    if (name === '.' || name === '..')
      return [{ field: 'metadata.name', message: `Invalid value: "${name}": may not be '${name}'` }];
    const bad = ['/', '%'].find((c) => name.includes(c));
    return bad ? [{ field: 'metadata.name', message: `Invalid value: "${name}": may not contain '${bad}'` }] : [];
  }
  const dnsLabel = kind === 'Namespace';
  const ok = dnsLabel ? LABEL.test(name) && name.length <= 63 : SUBDOMAIN.test(name) && name.length <= 253;
  return ok
    ? []
    : [{ field: 'metadata.name', message: `Invalid value: "${name}": ${dnsLabel ? LABEL_MSG : SUBDOMAIN_MSG}` }];
}

function validateKeys(obj: KubeObject, fields: string[]): Cause[] {
  const causes: Cause[] = [];
  for (const field of fields) {
    for (const key of Object.keys((obj[field] as Record<string, string> | undefined) ?? {})) {
      if (!CONFIG_KEY.test(key))
        causes.push({ field: `${field}[${key}]`, message: `Invalid value: "${key}": ${KEY_MSG}` });
    }
  }
  return causes;
}

const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export function validateSecret(secret: KubeObject, previous?: KubeObject): Cause[] {
  const causes = validateKeys(secret, ['data']);
  const data = (secret.data as Record<string, string> | undefined) ?? {};
  const type = String(secret.type);
  for (const key of REQUIRED_KEYS[type] ?? []) {
    if (!(key in data)) causes.push({ field: `data[${key}]`, message: 'Required value' });
  }
  if (
    type === 'kubernetes.io/service-account-token' &&
    !secret.metadata.annotations?.['kubernetes.io/service-account.name']
  ) {
    causes.push({ field: 'metadata.annotations[kubernetes.io/service-account.name]', message: 'Required value' });
  }
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      causes.push({ field: `data[${key}]`, message: 'Invalid value: illegal base64 data' });
    } else size += Math.floor((value.length * 3) / 4);
  }
  if (size > MAX_SECRET_BYTES)
    causes.push({ field: 'data', message: `Too long: must have at most ${MAX_SECRET_BYTES} bytes` });
  if (previous) causes.push(...immutability(secret, previous, ['data']));
  if (previous && previous.type !== secret.type) {
    causes.push({ field: 'type', message: `Invalid value: "${secret.type}": field is immutable` });
  }
  return causes;
}

export function validateConfigMap(cm: KubeObject, previous?: KubeObject): Cause[] {
  const causes = validateKeys(cm, ['data', 'binaryData']);
  if (previous) causes.push(...immutability(cm, previous, ['data', 'binaryData']));
  return causes;
}

function immutability(obj: KubeObject, previous: KubeObject, fields: string[]): Cause[] {
  if (previous.immutable !== true) return [];
  const causes: Cause[] = [];
  for (const field of fields) {
    if (JSON.stringify(obj[field] ?? {}) !== JSON.stringify(previous[field] ?? {})) {
      causes.push({ field, message: 'Forbidden: field is immutable when `immutable` is set' });
    }
  }
  if (obj.immutable !== true)
    causes.push({ field: 'immutable', message: 'Forbidden: field is immutable when `immutable` is set' });
  return causes;
}
