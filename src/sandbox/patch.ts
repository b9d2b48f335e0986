// JSON merge patch (RFC 7386), strategic merge patch (the parts kubectl sends) and JSON patch (RFC 6902).
import { errors } from './status';

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** Merge keys of the list fields kubectl patches (as in the core API's patchMergeKey tags). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
  tolerations: 'key',
};

const DIRECTIVES = new Set(['$patch', '$retainKeys', '$setElementOrder', '$deleteFromPrimitiveList']);

function mergeList(key: string, target: Json, patch: Json[]): Json[] {
  const mergeKey = MERGE_KEYS[key];
  if (!mergeKey || !Array.isArray(target)) return patch.filter((p) => !(isObject(p) && p.$patch === 'delete'));
  const result = [...target];
  for (const item of patch) {
    if (!isObject(item)) {
      result.push(item);
      continue;
    }
    const idx = result.findIndex((t) => isObject(t) && t[mergeKey] === item[mergeKey]);
    if (item.$patch === 'delete') {
      if (idx >= 0) result.splice(idx, 1);
    } else if (idx >= 0) result[idx] = strategicMergePatch(result[idx], item);
    else result.push(strategicMergePatch({}, item));
  }
  return result;
}

/** Strategic merge: maps merge, lists with a known merge key merge by key, `$patch: replace|delete` honoured. */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === 'delete') return undefined;
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (DIRECTIVES.has(key) || key.startsWith('$setElementOrder/') || key.startsWith('$deleteFromPrimitiveList/')) {
      const listKey = key.split('/')[1];
      if (
        key.startsWith('$deleteFromPrimitiveList/') &&
        listKey &&
        Array.isArray(result[listKey]) &&
        Array.isArray(value)
      ) {
        result[listKey] = (result[listKey] as Json[]).filter((v) => !value.includes(v));
      }
      continue;
    }
    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(key, result[key], value);
    else {
      const merged = strategicMergePatch(result[key], value);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    }
  }
  return result;
}

interface Op {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw errors.badRequest(
      `the server rejected our request due to an error in our request: invalid JSON pointer "${path}"`,
    );
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, tokens: string[]): { parent: JsonObject | Json[]; key: string } {
  let node = doc;
  for (const t of tokens.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(t)] : isObject(node) ? node[t] : undefined;
    if (node === undefined) throw errors.invalidPatch(`doc is missing path: ${tokens.join('/')}`);
  }
  if (!isObject(node) && !Array.isArray(node)) throw errors.invalidPatch('path does not point into an object');
  return { parent: node, key: tokens[tokens.length - 1] ?? '' };
}

function get(doc: Json, tokens: string[]): Json {
  let node = doc;
  for (const t of tokens) node = Array.isArray(node) ? node[Number(t)] : isObject(node) ? node[t] : undefined;
  return node;
}

/** Applies an RFC 6902 JSON patch to a deep copy of `doc`. */
export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw errors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let result = structuredClone(doc);
  for (const raw of ops as Op[]) {
    const tokens = pointer(raw.path);
    if (raw.op === 'test') {
      if (JSON.stringify(get(result, tokens)) !== JSON.stringify(raw.value))
        throw errors.invalidPatch('testing value failed');
      continue;
    }
    const value =
      raw.op === 'move' || raw.op === 'copy' ? structuredClone(get(result, pointer(raw.from ?? ''))) : raw.value;
    if (raw.op === 'move') removeAt(result, pointer(raw.from ?? ''));
    if (tokens.length === 0) {
      result = value;
      continue;
    }
    if (raw.op === 'remove') removeAt(result, tokens);
    else if (raw.op === 'add' || raw.op === 'move' || raw.op === 'copy' || raw.op === 'replace') {
      const { parent, key } = parentOf(result, tokens);
      if (Array.isArray(parent)) {
        const idx = key === '-' ? parent.length : Number(key);
        if (raw.op === 'replace') parent[idx] = value;
        else parent.splice(idx, 0, value);
      } else {
        if (raw.op === 'replace' && !(key in parent))
          throw errors.invalidPatch(`replace operation does not apply: doc is missing key: ${raw.path}`);
        parent[key] = value;
      }
    } else throw errors.badRequest(`Unexpected kind: ${raw.op}`);
  }
  return result;
}

function removeAt(doc: Json, tokens: string[]): void {
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else {
    if (!(key in parent))
      throw errors.invalidPatch(`remove operation does not apply: doc is missing path: /${tokens.join('/')}`);
    delete parent[key];
  }
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

export function patchTypeOf(contentType: string): PatchType {
  const type = contentType.split(';')[0]?.trim();
  if (type === 'application/merge-patch+json') return 'merge';
  if (type === 'application/strategic-merge-patch+json') return 'strategic';
  if (type === 'application/json-patch+json') return 'json';
  if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+cbor') return 'apply';
  throw errors.unsupportedMediaType(type ?? '');
}

export function applyPatch(type: PatchType, doc: Json, patch: Json): Json {
  if (type === 'json') return jsonPatch(doc, patch);
  if (!isObject(patch))
    throw errors.badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  return type === 'merge' ? mergePatch(doc, patch) : strategicMergePatch(doc, patch);
}
