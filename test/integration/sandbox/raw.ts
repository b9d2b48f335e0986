// Raw HTTPS requests to the test cluster with the admin credentials, for headers and status codes client-node hides.
import { type RequestOptions, request } from 'node:https';
import type { TestCluster } from '../../support/cluster';

export interface RawResponse {
  status: number;
  contentType: string;
  /** The Warning header(s), joined. */
  warning: string;
  body: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: Record<string, unknown> & { metadata?: Record<string, unknown> };
}

export interface RawOptions {
  accept?: string;
  contentType?: string;
  body?: unknown;
}

/** Sends one request to `path` on the cluster, authenticated as its admin. */
export async function raw(c: TestCluster, method: string, path: string, o: RawOptions = {}): Promise<RawResponse> {
  const url = new URL(path, c.server);
  const options: RequestOptions = {
    method,
    hostname: url.hostname,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    headers: {
      ...(o.accept ? { Accept: o.accept } : {}),
      ...(o.body !== undefined ? { 'Content-Type': o.contentType ?? 'application/json' } : {}),
    },
  };
  await c.kubeConfig().applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: RawResponse['json'];
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined as unknown as RawResponse['json'];
        }
        const warning = [res.headers.warning ?? []].flat().join(', ');
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          warning,
          body,
          json,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
  });
}
