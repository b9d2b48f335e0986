// Ranked fuzzy search for the palette: trigrams narrow the vault's catalog, Fuse.js ranks what is left; rebuilt on change.
import Fuse, { type FuseResult } from 'fuse.js';
import type { SearchHit, SearchResult } from '../../shared/ipc/search';
import type { WritableDB } from '../vault/db';
import { type CatalogEntry, catalogStamp, loadCatalog } from './catalog';
import { TrigramIndex } from './trigrams';

/** How many trigram candidates Fuse ranks per query: enough for every plausible hit, few enough to stay fast. */
const CANDIDATES = 400;

const OPTIONS = {
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  threshold: 0.35,
  // The Secret's own name counts most, then its place (cluster/namespace/name), then a key name; a cluster by its name.
  keys: [
    { name: 'name', weight: 3 },
    { name: 'path', weight: 2 },
    { name: 'keys', weight: 1 },
  ],
};

function toHit(result: FuseResult<CatalogEntry>): SearchHit {
  const score = Math.round((result.score ?? 1) * 1000) / 1000;
  const entry = result.item;
  if (entry.kind === 'cluster') return { kind: 'cluster', clusterId: entry.clusterId, name: entry.name, score };
  const matchedKeys = (result.matches ?? []).filter((m) => m.key === 'keys');
  const onPlace = (result.matches ?? []).some((m) => m.key !== 'keys');
  const key = !onPlace ? matchedKeys[0]?.value : undefined;
  return {
    kind: 'secret',
    accountId: entry.accountId,
    clusterId: entry.clusterId,
    cluster: entry.cluster,
    namespace: entry.namespace,
    name: entry.name,
    ...(key ? { key } : {}),
    score,
  };
}

export class SearchService {
  private index: { stamp: string; catalog: CatalogEntry[]; trigrams: TrigramIndex } | undefined;

  constructor(private readonly db: () => WritableDB) {}

  query(text: string, limit: number): SearchResult {
    const { catalog, trigrams } = this.current();
    const candidates = trigrams.candidates(text, CANDIDATES).map((i) => catalog[i] as CatalogEntry);
    const fuse = new Fuse(candidates, OPTIONS);
    return { hits: fuse.search(text, { limit }).map(toHit), searched: catalog.length };
  }

  /** Drops the index (the vault locked: its names must not stay in memory). */
  clear(): void {
    this.index = undefined;
  }

  private current() {
    const db = this.db();
    const stamp = catalogStamp(db);
    if (this.index?.stamp !== stamp) {
      const catalog = loadCatalog(db);
      const texts = catalog.map((e) => (e.kind === 'cluster' ? e.name : `${e.path} ${e.keys.join(' ')}`));
      this.index = { stamp, catalog, trigrams: new TrigramIndex(texts) };
    }
    return this.index;
  }
}
