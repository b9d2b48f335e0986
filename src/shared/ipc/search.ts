// Channel of the command palette's search: clusters and Secrets (by cluster, namespace, name or key name), never a value.
import { z } from 'zod';
import { channel, returns } from './contract';

/** A saved cluster whose name matches. */
export interface ClusterHit {
  kind: 'cluster';
  clusterId: string;
  name: string;
  /** 0 is a perfect match, 1 no match; hits come best first. */
  score: number;
}

/** A Secret in the vault whose place or one of whose key names matches. Key names only: no value is read. */
export interface SecretHit {
  kind: 'secret';
  accountId: number;
  clusterId: string | null;
  cluster: string | null;
  namespace: string | null;
  name: string;
  /** The key name that matched, when the match was on a key rather than the Secret's place. */
  key?: string;
  score: number;
}

/** One thing the palette can open. */
export type SearchHit = ClusterHit | SecretHit;

/** Hits best first, and how many clusters and Secrets were searched. */
export interface SearchResult {
  hits: SearchHit[];
  searched: number;
}

/** Ranked fuzzy search over the vault's clusters and Secrets; `limit` caps the hits sent back. */
export const searchQuery = channel(
  'search:query',
  z
    .object({
      text: z.string().trim().min(1).max(200),
      limit: z.number().int().min(1).max(100).default(20),
    })
    .strict(),
  returns<SearchResult>(),
);

export const searchChannels = [searchQuery] as const;
