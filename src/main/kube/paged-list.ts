// The one paged-list loop: limit/continue pages, the next page requested while this one is handled, a restart on 410 Expired.
import { AppError } from '../../shared/errors';
import { httpStatus, kubeError } from './api-error';
import { type RawCall, rawCall, requestSignal } from './request-options';

/** Page size of every list, as kubectl's --chunk-size; an adaptive list starts with it. */
export const PAGE_SIZE = 500;
/** The most items an adaptive list asks for in one page. */
export const MAX_PAGE_SIZE = 2000;
/** The fewest. */
export const MIN_PAGE_SIZE = 10;
/** What an adaptive list aims at per page: few round trips for small Secrets, bounded pages for big ones (Helm releases). */
export const PAGE_BYTES = 4 * 1024 * 1024;

/**
 * The next page size of an adaptive list, from what the last page weighed: about PAGE_BYTES, within
 * MIN_PAGE_SIZE…MAX_PAGE_SIZE. A fetch of 10,000 small Secrets then takes 6 round trips instead of 20,
 * and each batch the engine writes overlaps the server's work on the next page.
 */
export function nextPageSize(items: number, bytes: number): number {
  if (items === 0 || bytes === 0) return PAGE_SIZE;
  return Math.max(MIN_PAGE_SIZE, Math.min(MAX_PAGE_SIZE, Math.floor((PAGE_BYTES * items) / bytes)));
}
/** How often one list may restart after 410 Expired before it fails. */
export const MAX_RESTARTS = 3;

/** A list page as the API serves it (any `as=` form: a List, a PartialObjectMetadataList or a Table). */
export interface RawList<T> {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: T[];
  kind?: string;
  rows?: { cells?: unknown[]; object?: { metadata?: Record<string, unknown> } }[];
}

export interface PagedListOptions<T> {
  /** What is listed, for errors: "listing Secrets in prod". */
  what: string;
  /** The caller's cancel signal. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Accept header (metadata-only or Table forms); default JSON. */
  accept?: string;
  /** Requests one page of `limit` items; `call.options` go to the client-node method, `call.body()` is read after it. */
  request(cont: string | undefined, call: RawCall, limit: number): Promise<unknown>;
  /** Sizes each page by what the last one weighed (see nextPageSize) instead of PAGE_SIZE throughout. */
  adaptive?: boolean;
  /** Receives each page in order. */
  onPage(list: RawList<T>): void;
  /** The list restarts from scratch after a 410: forget what the earlier pages delivered. */
  onRestart(): void;
  /** Stop after the first page (a `limit=1` probe of the resourceVersion). */
  firstPageOnly?: boolean;
  cluster?: string;
}

class Restart extends Error {}

/** Runs a paged list to the end and returns the resourceVersion of its first page. */
export async function pagedList<T>(o: PagedListOptions<T>): Promise<string> {
  let limit = PAGE_SIZE;
  const fetchPage = async (cont: string | undefined): Promise<RawList<T>> => {
    if (o.signal.aborted) throw new AppError('cancelled', `${o.what} was cancelled.`);
    const signal = requestSignal(o.signal, o.timeoutMs);
    const call = rawCall(signal, o.accept);
    try {
      await o.request(cont, call, limit);
    } catch (error) {
      if (httpStatus(error) === 410) throw new Restart();
      throw kubeError(error, o.what, { signal, cluster: o.cluster });
    }
    const list = call.body() as RawList<T>;
    if (o.adaptive) limit = nextPageSize(list.items?.length ?? 0, call.bytes());
    return list;
  };
  for (let attempt = 0; ; attempt++) {
    try {
      limit = PAGE_SIZE;
      let rv: string | undefined;
      // The next page is requested before this one is handed on, so the server works while we write.
      let next: Promise<RawList<T>> | undefined = fetchPage(undefined);
      while (next) {
        const list: RawList<T> = await next;
        rv ??= list.metadata?.resourceVersion ?? '';
        const cont = o.firstPageOnly ? undefined : list.metadata?.continue || undefined;
        next = cont ? fetchPage(cont) : undefined;
        // An unhandled rejection of the prefetch would crash the process if onPage throws.
        next?.catch(() => undefined);
        // The request is built and sent in promise callbacks: let them run, so that it is on the wire
        // (and the server at work) before onPage writes this page synchronously.
        if (next) await new Promise((resolve) => setImmediate(resolve));
        o.onPage(list);
      }
      return rv ?? '';
    } catch (error) {
      if (!(error instanceof Restart)) throw error;
      if (attempt >= MAX_RESTARTS) {
        throw kubeError(Object.assign(new Error('expired'), { code: 410 }), o.what, { cluster: o.cluster });
      }
      o.onRestart();
    }
  }
}
