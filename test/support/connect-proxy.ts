// A tiny HTTP CONNECT proxy on loopback for gateway tests: records each CONNECT target, optionally wants Basic auth.
import http from 'node:http';
import net from 'node:net';

export interface ConnectProxy {
  url: string;
  port: number;
  /** `host:port` of every CONNECT it let through, in order. */
  seen: string[];
  close(): void;
}

export async function startConnectProxy(basicAuth?: { user: string; password: string }): Promise<ConnectProxy> {
  const seen: string[] = [];
  const expected = basicAuth && `Basic ${Buffer.from(`${basicAuth.user}:${basicAuth.password}`).toString('base64')}`;
  const proxy = http.createServer();
  proxy.on('connect', (req, client: net.Socket, head) => {
    if (expected && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    seen.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close() {
      proxy.closeAllConnections();
      proxy.close();
    },
  };
}
