// Accept negotiation as kube-apiserver does it: clauses by q and specificity, `as=Table|PartialObjectMetadata[List]`.
import { errors } from './status';
import type { KubeObject } from './types';

/** The transform a client asked for; undefined means the object itself. */
export interface Target {
  as?: 'Table' | 'PartialObjectMetadata' | 'PartialObjectMetadataList';
  /** meta.k8s.io/v1 or meta.k8s.io/v1beta1 */
  apiVersion: string;
}

interface Clause {
  type: string;
  subType: string;
  q: number;
  params: Map<string, string>;
  order: number;
}

/** goautoneg.ParseAccept: clauses sorted by q, then by specificity (type/subtype wildcards), then header order. */
function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  header.split(',').forEach((part, order) => {
    const [range = '', ...rawParams] = part.split(';').map((s) => s.trim());
    if (!range) return;
    const [type = '', subType = '*'] = range.split('/');
    const params = new Map<string, string>();
    let q = 1;
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const key = p.slice(0, eq).trim();
      const value = p.slice(eq + 1).trim();
      if (key === 'q') q = Number(value);
      else params.set(key, value);
    }
    clauses.push({ type, subType, q: Number.isFinite(q) ? q : 0, params, order });
  });
  const wild = (c: Clause) => (c.type === '*' ? 2 : c.subType === '*' ? 1 : 0);
  return clauses.sort((a, b) => b.q - a.q || wild(a) - wild(b) || a.order - b.order);
}

const TRANSFORMS = new Set(['Table', 'PartialObjectMetadata', 'PartialObjectMetadataList']);
const META_VERSIONS = new Set(['v1', 'v1beta1']);

/** Which JSON clause of `Accept` the sandbox serves, as kube-apiserver's NegotiateMediaTypeOptions picks it. */
export function negotiate(accept: string): Target {
  if (!accept.trim()) return { apiVersion: 'meta.k8s.io/v1' };
  for (const clause of parseAccept(accept)) {
    if (clause.q <= 0) continue;
    const json =
      (clause.type === 'application' && (clause.subType === 'json' || clause.subType === '*')) ||
      (clause.type === '*' && clause.subType === '*');
    if (!json) continue;
    const as = clause.params.get('as');
    if (!as) return { apiVersion: 'meta.k8s.io/v1' };
    // A transform is served only in meta.k8s.io; any other `as` makes this clause unacceptable.
    const version = clause.params.get('v') ?? '';
    if (!TRANSFORMS.has(as) || clause.params.get('g') !== 'meta.k8s.io' || !META_VERSIONS.has(version)) continue;
    return { as: as as Target['as'], apiVersion: `meta.k8s.io/${version}` };
  }
  throw errors.notAcceptable(
    'only the following media types are accepted: application/json, application/json;stream=watch',
  );
}

/** `PartialObjectMetadata` for one object (metadata only, never data), as meta.AsPartialObjectMetadata. */
export function partial(obj: KubeObject, apiVersion: string): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion, metadata: obj.metadata };
}

/** Refuses a list transform on a single object and the reverse, with kube-apiserver's 406 messages. */
export function checkShape(target: Target, isList: boolean): void {
  if (target.as === 'PartialObjectMetadata' && isList)
    throw errors.notAcceptable('you requested PartialObjectMetadata, but the requested object is a list');
  if (target.as === 'PartialObjectMetadataList' && !isList)
    throw errors.notAcceptable('you requested PartialObjectMetadataList, but the requested object is not a list');
}
