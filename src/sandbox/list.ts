// Paged lists: limit/continue over consistent snapshots, continue tokens that expire with 410, selectors.
import type { Faults } from './faults';
import { groupVersion } from './resources';
import type { Matcher } from './selectors';
import { errors } from './status';
import { type Entry, type Store, tableOf } from './store';
import type { KubeObject, ResourceDef, SandboxClock } from './types';

interface Snapshot {
  entries: Entry[];
  lastUsed: number;
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
  /** When the first page was served (sandbox-only field; the real token has no clock). */
  t?: number;
}

export interface ListResult {
  items: KubeObject[];
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
}

const EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

const encode = (t: ContinueToken) => Buffer.from(JSON.stringify(t)).toString('base64url');

function decode(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad');
    return t;
  } catch {
    throw errors.badRequest('continue key is not valid: illegal base64 data at input byte 0');
  }
}

function lowerBound(entries: Entry[], key: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((entries[mid]?.key ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Lister {
  private snapshots = new Map<string, Snapshot>();

  constructor(
    private readonly store: Store,
    private readonly clock: SandboxClock,
    private readonly faults: Faults,
    /** How long a continue token stays valid after the first page. */
    public continueTtlMs: number,
  ) {}

  list(
    def: ResourceDef,
    namespace: string | undefined,
    limit: number,
    cont: string | undefined,
    match?: Matcher,
  ): ListResult {
    const table = tableOf(def);
    const now = this.clock.now();
    this.evict(now);
    let entries: Entry[];
    let rv: number;
    let start = '';
    let issuedAt = now;
    if (cont) {
      const token = decode(cont);
      start = token.start;
      issuedAt = token.t ?? now;
      const snap = token.rv > 0 ? this.snapshots.get(`${table}@${token.rv}`) : undefined;
      if (token.rv === -1) {
        entries = this.store.sorted(table);
        rv = this.store.resourceVersion;
      } else if (this.faults.takeExpire() || !snap || now - issuedAt > this.continueTtlMs) {
        throw errors.expired(EXPIRED, encode({ v: 'meta.k8s.io/v1', rv: -1, start }));
      } else {
        snap.lastUsed = now;
        entries = snap.entries;
        rv = token.rv;
      }
    } else {
      entries = this.store.sorted(table);
      rv = this.store.resourceVersion;
    }
    const prefix = def.namespaced && namespace ? `${namespace}/` : '';
    let i = lowerBound(entries, start > prefix ? start : prefix);
    // '0' sorts right after '/', so this is the end of the namespace's key range.
    const end = prefix ? lowerBound(entries, `${namespace}0`) : entries.length;
    const items: KubeObject[] = [];
    for (; i < end; i++) {
      const entry = entries[i] as Entry;
      if (match && !match(entry.object)) continue;
      items.push(entry.object);
      if (limit > 0 && items.length === limit) {
        i++;
        break;
      }
    }
    const metadata: ListResult['metadata'] = { resourceVersion: String(rv) };
    if (limit > 0 && i < end) {
      const lastKey = entries[i - 1]?.key ?? start;
      metadata.continue = encode({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000`, t: issuedAt });
      if (!match) metadata.remainingItemCount = end - i;
      if (rv > 0) this.snapshots.set(`${table}@${rv}`, { entries, lastUsed: now });
    }
    return { items, metadata };
  }

  private evict(now: number): void {
    for (const [key, snap] of this.snapshots) {
      if (now - snap.lastUsed > this.continueTtlMs) this.snapshots.delete(key);
    }
  }
}

/** The list's JSON, joined from cached item strings so that 10k Secrets serialize quickly. */
export function listJson(def: ResourceDef, result: ListResult, itemJson: (o: KubeObject) => string): string {
  const head = JSON.stringify({ kind: `${def.kind}List`, apiVersion: groupVersion(def), metadata: result.metadata });
  return `${head.slice(0, -1)},"items":[${result.items.map(itemJson).join(',')}]}`;
}

/** `PartialObjectMetadataList`: each item's metadata only, as kube-apiserver's asPartialObjectMetadataList. */
export function partialListJson(result: ListResult, apiVersion: string): string {
  return JSON.stringify({
    kind: 'PartialObjectMetadataList',
    apiVersion,
    metadata: result.metadata,
    items: result.items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion, metadata: o.metadata })),
  });
}
