// An HTTP CONNECT proxy as a gateway: one CONNECT per socket, Basic auth from the URL.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../../shared/errors';
import type { Gateway } from './gateway';
import type { GatewayConfig } from './gateway-config';

type HttpGateway = Extract<GatewayConfig, { kind: 'http-connect' }>;

export function httpConnectGateway(g: HttpGateway, timeoutMs = 15_000): Gateway {
  const proxy = new URL(g.url);
  const headers: Record<string, string> = {};
  if (proxy.username)
    headers['proxy-authorization'] =
      `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
  const open = (host: string, port: number) =>
    new Promise<Duplex>((resolve, reject) => {
      const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
      const req = http.request({
        host: proxy.hostname,
        port: Number(proxy.port || 80),
        method: 'CONNECT',
        path: target,
        headers: { host: target, ...headers },
        timeout: timeoutMs,
      });
      req.once('connect', (res, socket) => {
        if (res.statusCode === 200) return resolve(socket);
        socket.destroy();
        reject(
          new AppError(
            res.statusCode === 407 ? 'unauthorized' : 'unreachable',
            `The HTTP proxy ${proxy.host} answered ${res.statusCode} to CONNECT ${target}.`,
            res.statusCode === 407
              ? 'Check the proxy user and password.'
              : 'Check the proxy allows this host and port.',
          ),
        );
      });
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', (error) =>
        reject(
          new AppError(
            'unreachable',
            `Could not reach the HTTP proxy ${proxy.host} (${error.message}).`,
            'Check the proxy URL.',
          ),
        ),
      );
      req.end();
    });
  return { label: `http-connect ${proxy.host}`, open };
}
