// Talks to one cluster through @kubernetes/client-node: paged Secret lists that restart on 410, metadata-only lists, GETs.
import {
  type ConfigurationOptions,
  CoreV1Api,
  type KubeConfig,
  Observable,
  type ObservableMiddleware,
  ResponseContext,
} from '@kubernetes/client-node';
import { AppError } from '../../shared/errors';
import { httpStatus, statusMessage } from '../clusters/kube-client';
import type { RawSecret, SecretMeta } from '../kube/secret-object';

/** Page size of every list, as kubectl's --chunk-size. */
export const PAGE_SIZE = 500;
/** How often one list may restart after 410 Expired before the namespace fails. */
const MAX_RESTARTS = 3;
/** kube-apiserver's Table form: rows carry the type column and each object's metadata, no data. */
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
/**
 * Metadata only, leanest first: kube-apiserver serves PartialObjectMetadataList (no type, no cells);
 * a server without it (the sandbox) falls back to the Table, and anything else to the full list.
 */
const METADATA_ACCEPT = `application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,${TABLE_ACCEPT}`;

interface RawList<T> {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: T[];
  kind?: string;
  rows?: { cells?: unknown[]; object?: { metadata?: SecretMeta['metadata'] } }[];
}

/**
 * Per-call options: an abort signal (cancel + timeout), an optional Accept header, and a response
 * hook that keeps the raw JSON so that 10k Secrets are not re-modelled into classes we don't use.
 */
function rawCall(signal: AbortSignal, accept?: string): { options: ConfigurationOptions; body: () => unknown } {
  let captured: unknown;
  const middleware: ObservableMiddleware = {
    pre: (ctx) => {
      ctx.setSignal(signal);
      if (accept) ctx.setHeaderParam('Accept', accept);
      return new Observable(Promise.resolve(ctx));
    },
    post: (ctx) => {
      if (ctx.httpStatusCode !== 200) return new Observable(Promise.resolve(ctx));
      const original = ctx.body;
      const body = {
        text: async () => {
          captured = JSON.parse(await original.text());
          return '{}';
        },
        binary: () => original.binary(),
        stream: () => null,
      };
      return new Observable(Promise.resolve(new ResponseContext(ctx.httpStatusCode, ctx.headers, body)));
    },
  };
  return { options: { middleware: [middleware], middlewareMergeStrategy: 'append' }, body: () => captured };
}

/** Maps a client-node failure to an AppError whose message names what failed, never a value or token. */
export function kubeError(error: unknown, what: string, signal?: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal?.aborted && (signal.reason as { name?: string })?.name !== 'TimeoutError') {
    return new AppError('cancelled', `${what} was cancelled.`);
  }
  const status = httpStatus(error);
  const detail = statusMessage(error);
  if (status === 403) {
    return new AppError(
      'forbidden',
      `Not allowed: ${what}.${detail ? ` (${detail})` : ''}`,
      'Grant the cluster\'s service account "list" and "get" on secrets there, or exclude the namespace in the cluster options.',
    );
  }
  if (status === 401)
    return new AppError(
      'unauthorized',
      `The cluster refused the token while ${what}.`,
      'Edit the cluster and paste a fresh token.',
    );
  if (status === 404) return new AppError('not_found', `Not found: ${what}.`);
  if (status === 410)
    return new AppError('expired', `The list kept expiring while ${what}.`, 'Try again; the cluster is busy.');
  if (status === 429)
    return new AppError('rate_limited', `The cluster asked us to slow down while ${what}.`, 'Try again in a minute.');
  const name = (error as { name?: string; cause?: { name?: string } })?.name;
  if (
    name === 'TimeoutError' ||
    (error as { cause?: { name?: string } })?.cause?.name === 'TimeoutError' ||
    signal?.aborted
  ) {
    return new AppError(
      'timeout',
      `The cluster did not answer in time while ${what}.`,
      'Check the network, or raise the timeout in the cluster options.',
    );
  }
  if (status !== undefined)
    return new AppError('internal', `The cluster answered ${status} while ${what}.${detail ? ` (${detail})` : ''}`);
  return new AppError(
    'unreachable',
    `The cluster could not be reached while ${what}.`,
    'Check that the API server is up and reachable from this machine.',
  );
}

export class KubeSecrets {
  private readonly api: CoreV1Api;

  constructor(
    kc: KubeConfig,
    private readonly timeoutMs: number,
  ) {
    this.api = kc.makeApiClient(CoreV1Api);
  }

  private signal(outer: AbortSignal): AbortSignal {
    return AbortSignal.any([outer, AbortSignal.timeout(this.timeoutMs)]);
  }

  /** Every namespace's name. */
  async namespaces(outer: AbortSignal): Promise<string[]> {
    const out: string[] = [];
    await this.paged(
      outer,
      'listing namespaces',
      undefined,
      async (cont, call) => {
        await this.api.listNamespace({ limit: PAGE_SIZE, _continue: cont }, call.options);
        const list = call.body() as RawList<{ metadata?: { name?: string } }>;
        for (const item of list.items ?? []) if (item.metadata?.name) out.push(item.metadata.name);
        return list;
      },
      () => (out.length = 0),
    );
    return out;
  }

  /** All Secrets of a namespace with their data, paged; a 410 restarts the list from the start. */
  async secrets(namespace: string, outer: AbortSignal): Promise<{ items: RawSecret[]; resourceVersion: string }> {
    const items: RawSecret[] = [];
    const rv = await this.paged(
      outer,
      `listing Secrets in ${namespace}`,
      undefined,
      async (cont, call) => {
        await this.api.listNamespacedSecret({ namespace, limit: PAGE_SIZE, _continue: cont }, call.options);
        const list = call.body() as RawList<RawSecret>;
        for (const item of list.items ?? []) items.push(item);
        return list;
      },
      () => (items.length = 0),
    );
    return { items, resourceVersion: rv };
  }

  /**
   * Every Secret of the cluster, page by page (sorted by namespace, then name, as the API serves them).
   * `onRestart` runs when a 410 restarts the list, before the first page is delivered again.
   */
  async eachSecretPage(
    outer: AbortSignal,
    onPage: (items: RawSecret[], remaining: number | undefined, resourceVersion: string) => void,
    onRestart: () => void,
  ): Promise<void> {
    const what = 'listing Secrets in all namespaces';
    const fetchPage = async (cont: string | undefined): Promise<RawList<RawSecret>> => {
      if (outer.aborted) throw new AppError('cancelled', `${what} was cancelled.`);
      const signal = this.signal(outer);
      const call = rawCall(signal);
      try {
        await this.api.listSecretForAllNamespaces({ limit: PAGE_SIZE, _continue: cont }, call.options);
      } catch (error) {
        if (httpStatus(error) === 410) throw new Restart();
        throw kubeError(error, what, signal);
      }
      return call.body() as RawList<RawSecret>;
    };
    for (let attempt = 0; ; attempt++) {
      try {
        // The next page is requested before this one is handed on, so the server works while we write.
        let next: Promise<RawList<RawSecret>> | undefined = fetchPage(undefined);
        while (next) {
          const list: RawList<RawSecret> = await next;
          const cont = list.metadata?.continue || undefined;
          next = cont ? fetchPage(cont) : undefined;
          // An unhandled rejection of the prefetch would crash the process if onPage throws.
          next?.catch(() => undefined);
          onPage(list.items ?? [], list.metadata?.remainingItemCount, list.metadata?.resourceVersion ?? '');
        }
        return;
      } catch (error) {
        if (!(error instanceof Restart) || attempt >= MAX_RESTARTS) {
          throw error instanceof Restart ? kubeError(Object.assign(new Error('expired'), { code: 410 }), what) : error;
        }
        onRestart();
      }
    }
  }

  /**
   * Metadata of a namespace's Secrets (or all namespaces' when `namespace` is undefined) without their
   * data: a Table list, which kube-apiserver and the sandbox serve with each row's object metadata.
   */
  async secretMeta(
    namespace: string | undefined,
    outer: AbortSignal,
    options: { limit?: number; needTypes?: boolean } = {},
  ): Promise<{ items: SecretMeta[]; resourceVersion: string }> {
    const limit = options.limit ?? PAGE_SIZE;
    const items: SecretMeta[] = [];
    const what = namespace ? `listing Secrets in ${namespace}` : 'listing Secrets in all namespaces';
    const rv = await this.paged(
      outer,
      what,
      options.needTypes ? TABLE_ACCEPT : METADATA_ACCEPT,
      async (cont, call) => {
        if (namespace) await this.api.listNamespacedSecret({ namespace, limit, _continue: cont }, call.options);
        else await this.api.listSecretForAllNamespaces({ limit, _continue: cont }, call.options);
        const list = call.body() as RawList<{ metadata?: SecretMeta['metadata']; type?: string }>;
        for (const row of list.rows ?? []) {
          const metadata = row.object?.metadata;
          const type = row.cells?.[1];
          if (metadata?.name) items.push({ metadata, type: typeof type === 'string' ? type : undefined });
        }
        // PartialObjectMetadataList (no type), or a plain SecretList from a server that ignored both forms.
        for (const item of list.items ?? [])
          if (item.metadata?.name) items.push({ metadata: item.metadata, type: item.type });
        return list;
      },
      () => (items.length = 0),
      limit < PAGE_SIZE,
    );
    return { items, resourceVersion: rv };
  }

  /** The cluster's current resourceVersion, from a one-item list: it changes on any write. */
  async currentResourceVersion(namespace: string, outer: AbortSignal): Promise<string> {
    return (await this.secretMeta(namespace, outer, { limit: 1 })).resourceVersion;
  }

  /** One Secret with its data, or undefined when it is gone. */
  async secret(namespace: string, name: string, outer: AbortSignal): Promise<RawSecret | undefined> {
    const signal = this.signal(outer);
    const call = rawCall(signal);
    try {
      await this.api.readNamespacedSecret({ namespace, name }, call.options);
      return call.body() as RawSecret;
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw kubeError(error, `reading Secret ${namespace}/${name}`, signal);
    }
  }

  /** Runs a paged list to the end and returns its resourceVersion; restarts on 410 up to MAX_RESTARTS times. */
  private async paged(
    outer: AbortSignal,
    what: string,
    accept: string | undefined,
    page: (cont: string | undefined, call: ReturnType<typeof rawCall>) => Promise<RawList<unknown>>,
    reset: () => void,
    firstPageOnly = false,
  ): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      let cont: string | undefined;
      let rv = '';
      try {
        do {
          if (outer.aborted) throw new AppError('cancelled', `${what} was cancelled.`);
          const signal = this.signal(outer);
          const call = rawCall(signal, accept);
          let list: RawList<unknown>;
          try {
            list = await page(cont, call);
          } catch (error) {
            if (httpStatus(error) === 410 && attempt < MAX_RESTARTS) throw new Restart();
            throw kubeError(error, what, signal);
          }
          if (!rv) rv = list.metadata?.resourceVersion ?? '';
          cont = firstPageOnly ? undefined : list.metadata?.continue || undefined;
        } while (cont);
        return rv;
      } catch (error) {
        if (!(error instanceof Restart)) throw error;
        reset();
      }
    }
  }
}

class Restart extends Error {}
