// Reads Secrets from one cluster: paged full lists, metadata-only lists, single GETs and a watch from a resourceVersion.
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { httpStatus, kubeError } from './api-error';
import { PAGE_SIZE, pagedList } from './paged-list';
import { rawCall, requestSignal } from './request-options';
import type { RawSecret, SecretMeta } from './secret-types';
import { type WatchResult, watchFrom } from './watch';

/** kube-apiserver's Table form: rows carry the type column and each object's metadata, no data. */
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
/**
 * Metadata only, leanest first: kube-apiserver serves PartialObjectMetadataList (no type, no cells);
 * a server without it falls back to the Table, and anything else to the full list.
 */
const METADATA_ACCEPT = `application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,${TABLE_ACCEPT}`;

type MetaRow = { metadata?: SecretMeta['metadata']; type?: string };

export class KubeSecrets {
  private readonly api: CoreV1Api;

  constructor(
    private readonly kc: KubeConfig,
    private readonly timeoutMs: number,
  ) {
    this.api = kc.makeApiClient(CoreV1Api);
  }

  /** Every namespace's name. */
  async namespaces(signal: AbortSignal): Promise<string[]> {
    const out: string[] = [];
    await pagedList<{ metadata?: { name?: string } }>({
      what: 'listing namespaces',
      signal,
      timeoutMs: this.timeoutMs,
      request: (cont, call) => this.api.listNamespace({ limit: PAGE_SIZE, _continue: cont }, call.options),
      onPage: (list) => {
        for (const item of list.items ?? []) if (item.metadata?.name) out.push(item.metadata.name);
      },
      onRestart: () => (out.length = 0),
    });
    return out;
  }

  /** All Secrets of a namespace with their data, paged; a 410 restarts the list from the start. */
  async secrets(namespace: string, signal: AbortSignal): Promise<{ items: RawSecret[]; resourceVersion: string }> {
    const items: RawSecret[] = [];
    const resourceVersion = await pagedList<RawSecret>({
      what: `listing Secrets in ${namespace}`,
      signal,
      timeoutMs: this.timeoutMs,
      adaptive: true,
      request: (cont, call, limit) =>
        this.api.listNamespacedSecret({ namespace, limit, _continue: cont }, call.options),
      onPage: (list) => items.push(...(list.items ?? [])),
      onRestart: () => (items.length = 0),
    });
    return { items, resourceVersion };
  }

  /**
   * Every Secret of the cluster, page by page (sorted by namespace, then name, as the API serves them).
   * `onRestart` runs when a 410 restarts the list, before the first page is delivered again.
   */
  async eachSecretPage(
    signal: AbortSignal,
    onPage: (items: RawSecret[], remaining: number | undefined, resourceVersion: string) => void,
    onRestart: () => void,
  ): Promise<void> {
    await pagedList<RawSecret>({
      what: 'listing Secrets in all namespaces',
      signal,
      timeoutMs: this.timeoutMs,
      adaptive: true,
      request: (cont, call, limit) => this.api.listSecretForAllNamespaces({ limit, _continue: cont }, call.options),
      onPage: (list) =>
        onPage(list.items ?? [], list.metadata?.remainingItemCount, list.metadata?.resourceVersion ?? ''),
      onRestart,
    });
  }

  /**
   * Metadata of a namespace's Secrets (or all namespaces' when `namespace` is undefined) without their
   * data: a PartialObjectMetadataList on kube-apiserver, else a Table with each row's object metadata.
   */
  async secretMeta(
    namespace: string | undefined,
    signal: AbortSignal,
    options: { limit?: number; needTypes?: boolean } = {},
  ): Promise<{ items: SecretMeta[]; resourceVersion: string }> {
    const limit = options.limit ?? PAGE_SIZE;
    const items: SecretMeta[] = [];
    const resourceVersion = await pagedList<MetaRow>({
      what: namespace ? `listing Secrets in ${namespace}` : 'listing Secrets in all namespaces',
      signal,
      timeoutMs: this.timeoutMs,
      accept: options.needTypes ? TABLE_ACCEPT : METADATA_ACCEPT,
      request: (cont, call) =>
        namespace
          ? this.api.listNamespacedSecret({ namespace, limit, _continue: cont }, call.options)
          : this.api.listSecretForAllNamespaces({ limit, _continue: cont }, call.options),
      onPage: (list) => {
        for (const row of list.rows ?? []) {
          const metadata = row.object?.metadata as SecretMeta['metadata'] | undefined;
          const type = row.cells?.[1];
          if (metadata?.name) items.push({ metadata, type: typeof type === 'string' ? type : undefined });
        }
        // PartialObjectMetadataList (no type), or a plain SecretList from a server that ignored both forms.
        for (const item of list.items ?? [])
          if (item.metadata?.name) items.push({ metadata: item.metadata, type: item.type });
      },
      onRestart: () => (items.length = 0),
      firstPageOnly: limit < PAGE_SIZE,
    });
    return { items, resourceVersion };
  }

  /** The cluster's current resourceVersion, from a one-item list: it changes on any write. */
  async currentResourceVersion(namespace: string | undefined, signal: AbortSignal): Promise<string> {
    return (await this.secretMeta(namespace, signal, { limit: 1 })).resourceVersion;
  }

  /** One Secret with its data, or undefined when it is gone. */
  async secret(namespace: string, name: string, outer: AbortSignal): Promise<RawSecret | undefined> {
    const signal = requestSignal(outer, this.timeoutMs);
    const call = rawCall(signal);
    try {
      await this.api.readNamespacedSecret({ namespace, name }, call.options);
      return call.body() as RawSecret;
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw kubeError(error, `reading Secret ${namespace}/${name}`, signal);
    }
  }

  /**
   * Secret events (all namespaces) since `resourceVersion`, with bookmarks; see watchFrom. A result with
   * `expired` means the version is too old to resume from: list again.
   */
  watchSince(
    resourceVersion: string,
    signal: AbortSignal,
    onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED', secret: RawSecret) => void,
    options: { idleMs: number },
  ): Promise<WatchResult> {
    return watchFrom<RawSecret>(this.kc, '/api/v1/secrets', {
      resourceVersion,
      signal,
      timeoutMs: this.timeoutMs,
      idleMs: options.idleMs,
      what: 'watching Secrets in all namespaces',
      onEvent,
    });
  }
}
