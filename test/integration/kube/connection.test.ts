// The client factory: trusted CA, TLS server name, an HTTP CONNECT proxy and a gateway each carry real API calls.
import http from 'node:http';
import net from 'node:net';
import { CoreV1Api, VersionApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeError } from '../../../src/main/kube/api-error';
import { type KubeConnection, kubeConfigFor, makeClient } from '../../../src/main/kube/connection';
import type { Gateway } from '../../../src/main/kube/gateway';
import { getTestCluster, type TestCluster } from '../../support/cluster';

let cluster: TestCluster;
let spec: KubeConnection;

beforeAll(async () => {
  cluster = await getTestCluster();
  spec = { server: cluster.server, caPem: cluster.caPem, token: cluster.adminToken, timeoutMs: 20_000 };
});

afterAll(async () => {
  await cluster?.close();
});

/** A loopback HTTP CONNECT proxy that counts the tunnels it opens. */
async function connectProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  const sockets = new Set<net.Socket>();
  server.on('connect', (req, client: net.Socket, head) => {
    tunnels.push(req.url ?? '');
    sockets.add(client);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    // Tunnels are kept alive by the client; end them so that close does not wait for the keep-alive timeout.
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('kube client factory', () => {
  it('reaches the cluster with the trusted CA and the token', async () => {
    const core = makeClient(spec, CoreV1Api);
    const list = await core.listNamespace({ limit: 1 });
    expect(list.items.length).toBe(1);
  });

  it('refuses a server whose certificate another CA signed', async () => {
    const other = await getTestCluster();
    try {
      const core = makeClient({ ...spec, caPem: other.caPem }, CoreV1Api);
      const error = await core.listNamespace({ limit: 1 }).catch((e: unknown) => kubeError(e, 'listing namespaces'));
      expect(error).toMatchObject({ code: 'unreachable' });
    } finally {
      await other.close();
    }
  });

  it('carries every request through an HTTP CONNECT proxy when one is set', async () => {
    const proxy = await connectProxy();
    try {
      const core = makeClient({ ...spec, proxyUrl: proxy.url }, CoreV1Api);
      await core.listNamespace({ limit: 1 });
      expect(proxy.tunnels).toEqual([new URL(cluster.server).host]);
    } finally {
      await proxy.close();
    }
  });

  it('opens connections through a gateway, which sees only TLS bytes (never the token)', async () => {
    const target = new URL(cluster.server);
    // The "far end" of the tunnel: a relay that records every byte the client sends through it.
    const seen: Buffer[] = [];
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      sockets.add(client);
      const upstream = net.connect(Number(target.port), target.hostname);
      client.on('data', (chunk: Buffer) => seen.push(chunk));
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const relayPort = (relay.address() as net.AddressInfo).port;
    const opened: string[] = [];
    const gateway: Gateway = {
      label: 'test tunnel',
      open: (host, port) =>
        new Promise((resolve, reject) => {
          opened.push(`${host}:${port}`);
          const socket = net.connect(relayPort, '127.0.0.1', () => resolve(socket));
          socket.on('error', reject);
        }),
    };
    try {
      const kc = kubeConfigFor({ ...spec, gateway });
      await kc.makeApiClient(CoreV1Api).listNamespace({ limit: 1 });
      await kc.makeApiClient(VersionApi).getCode();
      expect(opened.length).toBeGreaterThanOrEqual(1);
      expect(opened[0]).toBe(target.host);
      const bytes = Buffer.concat(seen);
      expect(bytes.length).toBeGreaterThan(0);
      expect(bytes.includes(Buffer.from(spec.token ?? 'no-token'))).toBe(false);
      expect(bytes.includes(Buffer.from('Authorization'))).toBe(false);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    }
  });

  it('a gateway that cannot open the tunnel fails the call as unreachable', async () => {
    const gateway: Gateway = { label: 'down', open: () => Promise.reject(new Error('bastion refused')) };
    const core = kubeConfigFor({ ...spec, gateway }).makeApiClient(CoreV1Api);
    const error = await core.listNamespace({ limit: 1 }).catch((e: unknown) => kubeError(e, 'listing namespaces'));
    expect(error).toMatchObject({ code: 'unreachable' });
  });
});
