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

const REDACTED = '"<secret contents redacted>"';

/** What Go's json.Unmarshal into map[string]interface{} says about `text`, or undefined when it decodes. */
function goJsonError(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const trimmed = text.trimStart();
    if (!trimmed) return 'unexpected end of JSON input';
    if (!/^[[{"\-0-9tfn]/.test(trimmed)) return `invalid character '${trimmed[0]}' looking for beginning of value`;
    const at = /position (\d+)/.exec((error as Error).message);
    const pos = at ? Number(at[1]) : text.length;
    return pos >= text.length ? 'unexpected end of JSON input' : `invalid character '${text[pos]}' in JSON input`;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return undefined;
  const kind = Array.isArray(value) ? 'array' : value === null ? undefined : typeof value;
  return kind ? `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}` : undefined;
}

/** The per-type rules of ValidateSecret (pkg/apis/core/validation), on base64-decoded data. */
function typeRules(secret: KubeObject, data: Record<string, string>): Cause[] {
  const has = (key: string) => Object.hasOwn(data, key);
  const bytes = (key: string) => Buffer.from(data[key] ?? '', 'base64');
  const required = (key: string): Cause => ({ field: `data[${key}]`, message: 'Required value' });
  const json = (key: string): Cause[] => {
    if (!has(key)) return [required(key)];
    const problem = goJsonError(bytes(key).toString('utf8'));
    return problem ? [{ field: `data[${key}]`, message: `Invalid value: ${REDACTED}: ${problem}` }] : [];
  };
  switch (String(secret.type)) {
    case 'kubernetes.io/service-account-token':
      return secret.metadata.annotations?.['kubernetes.io/service-account.name']
        ? []
        : [{ field: 'metadata.annotations[kubernetes.io/service-account.name]', message: 'Required value' }];
    case 'kubernetes.io/dockercfg':
      return json('.dockercfg');
    case 'kubernetes.io/dockerconfigjson':
      return json('.dockerconfigjson');
    case 'kubernetes.io/basic-auth':
      // Either may be empty, but one of the two keys must be there.
      return has('username') || has('password') ? [] : [required('username'), required('password')];
    case 'kubernetes.io/ssh-auth':
      return bytes('ssh-privatekey').length === 0 ? [required('ssh-privatekey')] : [];
    case 'kubernetes.io/tls':
      return ['tls.crt', 'tls.key'].filter((k) => !has(k)).map(required);
    default:
      return [];
  }
}

export function validateSecret(secret: KubeObject, previous?: KubeObject): Cause[] {
  const causes: Cause[] = [];
  if (previous && previous.type !== secret.type) {
    causes.push({ field: 'type', message: `Invalid value: "${secret.type}": field is immutable` });
  }
  if (previous) causes.push(...immutability(secret, previous, ['data']));
  causes.push(...validateKeys(secret, ['data']));
  const data = (secret.data as Record<string, string> | undefined) ?? {};
  let size = 0;
  let decodable = true;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      causes.push({ field: `data[${key}]`, message: 'Invalid value: illegal base64 data' });
      decodable = false;
    } else size += Buffer.byteLength(value, 'base64');
  }
  if (size > MAX_SECRET_BYTES)
    causes.push({ field: 'data', message: `Too long: may not be more than ${MAX_SECRET_BYTES} bytes` });
  if (decodable) causes.push(...typeRules(secret, data));
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
  if (obj.immutable !== true)
    causes.push({ field: 'immutable', message: 'Forbidden: field is immutable when `immutable` is set' });
  for (const field of fields) {
    if (JSON.stringify(obj[field] ?? {}) !== JSON.stringify(previous[field] ?? {})) {
      causes.push({ field, message: 'Forbidden: field is immutable when `immutable` is set' });
    }
  }
  return causes;
}
