// The browser harness: serves the built renderer and the IPC contract over a loopback WebSocket.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { HarnessClientMessage, HarnessServerMessage } from '../../shared/bridge';
import { MAX_OFFLINE_FILE_BYTES } from '../../shared/ipc/transfer';
import type { App } from '../app';
import type { Clock } from '../clock';
import { contentSecurityPolicy } from '../csp';
import { ResumeSecrets, sameSecret } from './resume';

export interface HarnessOptions {
  app: App;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Expiry of resume secrets; the app's clock by default. */
  clock?: Clock;
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

/**
 * The largest message a client sends is `transfer:openOffline` with the biggest file Offline review
 * opens, base64-encoded (the renderer always sends files so). The envelope (channel, file name,
 * passphrase) fits in the 64 KiB on top. A larger frame closes the connection with 1009.
 */
export const MAX_MESSAGE_BYTES = Math.ceil(MAX_OFFLINE_FILE_BYTES / 3) * 4 + 64 * 1024;

/** How long a reload may take to reconnect after its page's connection ended. */
export const RESUME_TTL_MS = 5 * 60_000;

/** The path of a request target, or undefined for a target that is no URL or does not decode. */
function requestPath(target: string | undefined, origin: string): string | undefined {
  try {
    return decodeURIComponent(new URL(target ?? '/', origin).pathname);
  } catch {
    return undefined;
  }
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
  const resumeSecrets = new ResumeSecrets(options.clock ?? app.clock, RESUME_TTL_MS);
  let origin = '';
  let host = '';

  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.headers.host !== host || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(req.headers.host !== host ? 421 : 405).end();
      return;
    }
    const pathname = requestPath(req.url, origin);
    if (pathname === undefined) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      return;
    }
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
    else
      fs.createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
  };

  const server = http.createServer((req, res) => {
    try {
      serve(req, res);
    } catch (error) {
      log.warn({ err: error }, 'a harness request failed');
      if (res.headersSent) res.destroy();
      else res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
    }
  });
  server.on('error', (error) => log.error({ err: error }, 'harness server error'));
  // Bytes that are no HTTP at all: answer 400 where the socket still takes it, and never throw.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    log.warn({ code: error.code }, 'malformed harness request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', (error) => log.error({ err: error }, 'harness WebSocket server error'));
  wss.on('wsClientError', (error) => log.warn({ err: error }, 'malformed harness upgrade'));
  const sockets = new Set<WebSocket>();

  const upgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, why: string) => {
      log.warn({ why }, 'refused a harness connection');
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return refuse(400, 'request target');
    }
    if (url.pathname !== '/ws') return refuse(404, 'path');
    if (req.headers.host !== host) return refuse(421, 'host');
    if (req.headers.origin !== origin) return refuse(403, 'origin');
    const offered = url.searchParams.get('token');
    const resume = url.searchParams.get('resume');
    let accepted = false;
    if (offered && token && sameSecret(offered, token)) {
      token = undefined; // one use only
      accepted = true;
    } else if (resume && resumeSecrets.redeem(resume)) {
      accepted = true;
    }
    if (!accepted) return refuse(401, offered ? 'bad or used token' : 'no, used, live or expired secret');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  };

  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    socket.on('error', (error: NodeJS.ErrnoException) => log.warn({ code: error.code }, 'harness socket error'));
    try {
      upgrade(req, socket, head);
    } catch (error) {
      log.warn({ err: error }, 'a harness upgrade failed');
      socket.destroy();
    }
  });

  function send(ws: WebSocket, message: HarnessServerMessage): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  function onConnection(ws: WebSocket): void {
    sockets.add(ws);
    const resume = resumeSecrets.issue(() => ws.readyState === WebSocket.OPEN);
    send(ws, { type: 'hello', resume });
    // ws closes the connection itself (1002 protocol error, 1009 too big) after reporting here.
    ws.on('error', (error: NodeJS.ErrnoException) => log.warn({ code: error.code }, 'harness connection error'));
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
    ws.on('close', () => {
      sockets.delete(ws);
      resumeSecrets.release(resume);
    });
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
