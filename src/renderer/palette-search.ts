// The palette's results: local commands ranked by Fuse.js, main's cluster and Secret hits, merged best first.
import Fuse from 'fuse.js';
import type { SearchHit } from '../shared/ipc/search';
import type { PaletteCommand } from './commands';

/** One option of the palette, whatever it came from. */
export interface PaletteItem {
  id: string;
  group: 'Action' | 'Cluster' | 'Secret';
  title: string;
  /** A second, quieter line: where a Secret lives, or the key name that matched. */
  detail?: string;
  hint?: string;
  /** 0 is a perfect match; the list is sorted by it. */
  score: number;
  run(): void | Promise<void>;
}

/** Commands matching every word of the query, fuzzily ("go aud" finds "Go to Audit", "lcok" finds "Lock"). */
export function rankCommands(commands: PaletteCommand[], query: string): PaletteItem[] {
  const item = (c: PaletteCommand, score: number): PaletteItem => ({
    id: c.id,
    group: 'Action',
    title: c.title,
    ...(c.hint ? { hint: c.hint } : {}),
    score,
    run: c.run,
  });
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands.map((c) => item(c, 0));
  const fuse = new Fuse(commands, { keys: ['title'], includeScore: true, ignoreLocation: true, threshold: 0.4 });
  // One fuzzy search per word, kept only where every word matched; the score is the worst word's.
  const scores = new Map<PaletteCommand, number>();
  words.forEach((word, i) => {
    const found = new Map(fuse.search(word).map((r) => [r.item, r.score ?? 1] as const));
    for (const c of commands) {
      const s = found.get(c);
      if (s === undefined || (i > 0 && !scores.has(c))) scores.delete(c);
      else scores.set(c, Math.max(scores.get(c) ?? 0, s));
    }
  });
  return [...scores].sort((a, b) => a[1] - b[1]).map(([c, s]) => item(c, s));
}

/** Main's hits as palette options; `open` says what choosing one does. */
export function hitItems(
  hits: SearchHit[],
  open: { secret(accountId: number): void; cluster(clusterId: string): void },
): PaletteItem[] {
  return hits.map((hit) =>
    hit.kind === 'cluster'
      ? {
          id: `cluster:${hit.clusterId}`,
          group: 'Cluster',
          title: hit.name,
          detail: 'Cluster',
          score: hit.score,
          run: () => open.cluster(hit.clusterId),
        }
      : {
          id: `secret:${hit.accountId}`,
          group: 'Secret',
          title: hit.name,
          detail: [[hit.cluster, hit.namespace].filter(Boolean).join('/'), hit.key ? `key ${hit.key}` : '']
            .filter(Boolean)
            .join(' · '),
          score: hit.score,
          run: () => open.secret(hit.accountId),
        },
  );
}

/** Both lists, best first (a stable sort keeps actions ahead of equal hits), at most `limit`. */
export function mergeItems(commands: PaletteItem[], hits: PaletteItem[], limit: number): PaletteItem[] {
  return [...commands, ...hits].sort((a, b) => a.score - b.score).slice(0, limit);
}
