// The agent's own in-cluster API client over node:https: the ServiceAccount token and CA, GET, list and watch of Secrets.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';

/** A Secret as the agent needs it: name, resourceVersion, annotations and base64 data. */
export interface AgentSecret {
  metadata: { name: string; resourceVersion: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: AgentSecret & { code?: number; reason?: string; message?: string };
}

/** A failed API call, with the status and kube-apiserver's reason, never the token. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export interface InClusterClient {
  namespace: string;
  getSecret(name: string): Promise<AgentSecret>;
  listSecrets(query: Record<string, string>): Promise<{ items: AgentSecret[]; resourceVersion: string }>;
  /** Streams watch events until the server ends the stream or `signal` aborts; resolves then. */
  watchSecrets(query: Record<string, string>, onEvent: (e: WatchEvent) => void, signal: AbortSignal): Promise<void>;
}

export function createInClusterClient(saDir: string, server: { host: string; port: number }): InClusterClient {
  const read = (file: string) => readFileSync(join(saDir, file), 'utf8');
  const namespace = read('namespace').trim();
  const agent = new Agent({ ca: read('ca.crt'), keepAlive: true });
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`;

  /** The token is re-read on every call: kubelet rotates projected tokens in place. */
  const headers = () => ({ Authorization: `Bearer ${read('token').trim()}`, Accept: 'application/json' });

  function open(path: string, signal?: AbortSignal): Promise<import('node:http').IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = request({ host: server.host, port: server.port, path, agent, headers: headers(), signal }, resolve);
      req.on('error', reject);
      req.end();
    });
  }

  async function getJson<T>(path: string): Promise<T> {
    const res = await open(path);
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (res.statusCode !== 200) throw toApiError(res.statusCode ?? 0, text);
    return JSON.parse(text) as T;
  }

  const qs = (query: Record<string, string>) => new URLSearchParams(query).toString();
  return {
    namespace,
    getSecret: (name) => getJson<AgentSecret>(`${base}/${encodeURIComponent(name)}`),
    async listSecrets(query) {
      const list = await getJson<{ items?: AgentSecret[]; metadata?: { resourceVersion?: string } }>(
        `${base}?${qs(query)}`,
      );
      return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' };
    },
    async watchSecrets(query, onEvent, signal) {
      const res = await open(`${base}?${qs({ ...query, watch: 'true', allowWatchBookmarks: 'true' })}`, signal);
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        for await (const c of res) chunks.push(c as Buffer);
        throw toApiError(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
      }
      let pending = '';
      try {
        for await (const chunk of res) {
          pending += (chunk as Buffer).toString('utf8');
          let nl = pending.indexOf('\n');
          while (nl >= 0) {
            const line = pending.slice(0, nl).trim();
            pending = pending.slice(nl + 1);
            if (line) onEvent(JSON.parse(line) as WatchEvent);
            nl = pending.indexOf('\n');
          }
        }
      } catch (error) {
        if (!signal.aborted) throw error;
      } finally {
        res.destroy();
      }
    },
  };
}

/** Builds an ApiError from a Status body; the message is kube-apiserver's, which never holds a value. */
export function toApiError(status: number, body: string): ApiError {
  let reason = 'Unknown';
  let message = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { reason?: string; message?: string };
    reason = parsed.reason ?? reason;
    message = parsed.message?.slice(0, 300) ?? message;
  } catch {
    // Not a Status body (a proxy's page): the status code is all we can say.
  }
  return new ApiError(status, reason, message);
}
