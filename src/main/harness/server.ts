// The browser harness: serves the built renderer and the IPC contract over a loopback WebSocket.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import type { HarnessClientMessage, HarnessServerMessage } from '../../shared/bridge';
import type { App } from '../app';
import { contentSecurityPolicy } from '../csp';

export interface HarnessOptions {
  app: App;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
}

export interface Harness {
  /** Open this in a browser; it carries the one-time token in its fragment. */
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const MAX_MESSAGE_BYTES = 96 * 1024 * 1024;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function csp(origin: string): string {
  return contentSecurityPolicy([origin.replace(/^http/, 'ws')]);
}

/**
 * Starts the harness on 127.0.0.1. The WebSocket accepts the one-time token once; the page then
 * gets a resume secret so that a reload of the same tab reconnects. Wrong origin, wrong host,
 * a missing, wrong or reused token are refused before the upgrade.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const { app } = options;
  const log = app.log.child({ svc: 'harness' });
  const rendererDir = path.resolve(options.rendererDir);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}/index.html is missing). Run "npm run build" first.`);
  }
  let token: string | undefined = randomBytes(32).toString('base64url');
  const resumeSecrets = new Set<string>();
  let origin = '';
  let host = '';

  const server = http.createServer((req, res) => {
    if (req.headers.host !== host || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(req.headers.host !== host ? 421 : 405).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': csp(origin),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, why: string) => {
      log.warn({ why }, 'refused a harness connection');
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/ws') return refuse(404, 'path');
    if (req.headers.host !== host) return refuse(421, 'host');
    if (req.headers.origin !== origin) return refuse(403, 'origin');
    const offered = url.searchParams.get('token');
    const resume = url.searchParams.get('resume');
    let accepted = false;
    if (offered && token && sameSecret(offered, token)) {
      token = undefined; // one use only
      accepted = true;
    } else if (resume && resumeSecrets.has(resume)) {
      accepted = true;
    }
    if (!accepted) return refuse(401, offered ? 'bad or used token' : 'no token');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function send(ws: WebSocket, message: HarnessServerMessage): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  function onConnection(ws: WebSocket): void {
    sockets.add(ws);
    const resume = randomBytes(32).toString('base64url');
    resumeSecrets.add(resume);
    send(ws, { type: 'hello', resume });
    ws.on('message', async (data) => {
      let message: HarnessClientMessage;
      try {
        message = JSON.parse(data.toString()) as HarnessClientMessage;
      } catch {
        ws.close(1003, 'malformed message');
        return;
      }
      if (message?.type !== 'invoke' || typeof message.id !== 'number' || typeof message.channel !== 'string') {
        ws.close(1003, 'malformed message');
        return;
      }
      const result = await app.dispatch(message.channel, message.payload, { transport: 'harness' });
      send(ws, { type: 'result', id: message.id, result });
    });
    ws.on('close', () => sockets.delete(ws));
  }

  const unsubscribe = app.events.subscribe((name, payload) => {
    for (const ws of sockets) send(ws, { type: 'event', name, payload });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  const url = `${origin}/#token=${token}`;
  log.info({ origin }, 'browser harness listening');

  return {
    url,
    origin,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
