// The session's local proxy: TLS on 127.0.0.1, a per-session credential check, then forwarding with the minted token (streams and upgrades piped).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { Pool } from 'undici';
import type { SessionRequest } from '../../shared/ipc/access';
import type { Clock } from '../clock';
import { RequestDescriber } from './kubectl-command';
import { Relay, type RelayOwner, type Timing } from './relay';
import type { SessionCert } from './session-cert';
import { PROXY_MESSAGES, statusBody } from './status-body';
import { forwardedHeaders, HOP_BY_HOP, type ProxyUpstream, upstreamPool } from './upstream';

export type { ProxyUpstream } from './upstream';

export interface ProxyOptions {
  upstream: ProxyUpstream;
  /** The minted token; only ever sent upstream. */
  token: string;
  /** What kubectl must present (the temporary kubeconfig holds it). */
  localCredential: string;
  cert: SessionCert;
  /** Requests after this instant are refused, whatever the token's own expiry. */
  expiresAt: number;
  clock: Clock;
  onRequest(request: SessionRequest): void;
  /** Asked at each upgrade: a tap that sees the stream's raw bytes and adds to its log entry (exec transcripts). */
  tapUpgrade?(method: string, path: string): UpgradeTap | undefined;
  /**
   * A problem kubectl reports only vaguely (its discovery ignores our Status bodies): said once per
   * kind, for the session's owner to show.
   */
  onProblem?(message: string): void;
}

/** Watches an upgraded stream's bytes both ways, then adds what it saw to the request's log entry. */
export interface UpgradeTap {
  fromClient(chunk: Buffer): void;
  fromServer(chunk: Buffer): void;
  finish(entry: SessionRequest): void;
}

const MAX_PATH = 2000;

/** Whether a request carries a body to stream upstream (a GET, the usual case, has none). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export class SessionProxy implements RelayOwner {
  private readonly server: https.Server;
  private readonly pool: Pool;
  private readonly upstreamAuthorization: string;
  private readonly upstreamUrl: URL;
  private readonly expected: Buffer;
  private readonly sockets = new Set<Socket>();
  private readonly describer = new RequestDescriber();
  private closed = false;

  constructor(private readonly o: ProxyOptions) {
    this.upstreamUrl = new URL(o.upstream.server);
    this.expected = Buffer.from(`Bearer ${o.localCredential}`, 'latin1');
    this.upstreamAuthorization = `Bearer ${o.token}`;
    this.pool = upstreamPool(o.upstream);
    // Nagle off on both legs (undici sets it upstream): a response written in two pieces must not wait for the peer's delayed ACK.
    this.server = https.createServer({
      key: o.cert.keyPem,
      cert: o.cert.certPem,
      keepAliveTimeout: 30_000,
      noDelay: true,
    });
    this.server.on('request', (req, res) => this.forward(req, res));
    this.server.on(
      'upgrade',
      (req: IncomingMessage, socket: Socket, head: Buffer) => void this.upgrade(req, socket, head),
    );
    this.server.on('secureConnection', (socket: Socket) => this.track(socket));
  }

  /** Listens on 127.0.0.1 only, on a port the OS picks. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return this.url;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get address(): AddressInfo {
    return this.server.address() as AddressInfo;
  }

  /**
   * Stops accepting and cuts every open connection (watches, logs -f, upgraded streams) at once;
   * the promise resolves when the listener is gone.
   */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.serverClosed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      for (const socket of this.sockets) socket.destroy();
      void this.pool.destroy();
    }
    return this.serverClosed;
  }

  private serverClosed: Promise<void> = Promise.resolve();
  private readonly problems = new Set<string>();

  private problem(message: string): void {
    if (this.problems.has(message)) return;
    this.problems.add(message);
    this.o.onProblem?.(message);
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** Why a request is refused before it goes anywhere, or undefined. */
  private refusal(req: IncomingMessage): string | undefined {
    // Constant time over the credential; only its (public) length can short-cut.
    const given = req.headers.authorization;
    if (given?.length !== this.expected.length || !timingSafeEqual(Buffer.from(given, 'latin1'), this.expected))
      return PROXY_MESSAGES.missingCredential;
    if (this.closed || this.o.clock.now() >= this.o.expiresAt) return PROXY_MESSAGES.sessionOver;
    return undefined;
  }

  private upstreamHeaders(req: IncomingMessage): Record<string, string | string[]> {
    const headers: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value === undefined || key === 'authorization' || key === 'host' || HOP_BY_HOP.includes(key)) continue;
      headers[key] = value;
    }
    headers.host = this.upstreamUrl.host;
    headers.authorization = this.upstreamAuthorization;
    return headers;
  }

  private upstreamPath(url: string | undefined): string {
    const base = this.upstreamUrl.pathname.replace(/\/$/, '');
    return `${base}${url ?? '/'}`;
  }

  record(req: IncomingMessage, at: number, t: Timing, tap?: UpgradeTap): void {
    const path = (req.url ?? '/').slice(0, MAX_PATH);
    const attrs = this.describer.describe(req.method ?? 'GET', path);
    const entry: SessionRequest = {
      at,
      method: req.method ?? 'GET',
      path,
      verb: attrs.verb,
      resource: attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource,
      namespace: attrs.namespace,
      name: attrs.name,
      status: t.status || 499,
      latencyMs: Math.round(((t.head || performance.now()) - t.start) * 1000) / 1000,
      bytesIn: t.bytesIn,
      bytesOut: t.bytesOut,
      command: attrs.command,
    };
    if (attrs.execCommand !== undefined) entry.execCommand = attrs.execCommand;
    tap?.finish(entry);
    this.o.onRequest(entry);
  }

  private refuse(res: ServerResponse, req: IncomingMessage, message: string): void {
    this.problem(message);
    res.writeHead(401, { 'content-type': 'application/json' }).end(statusBody(401, 'Unauthorized', message));
    req.resume();
  }

  /** A plain request, through undici's low-level dispatch: kubectl's raw headers go up with the minted token. */
  private forward(req: IncomingMessage, res: ServerResponse): void {
    const refused = this.refusal(req);
    if (refused) {
      this.refuse(res, req, refused);
      return;
    }
    const withBody = hasBody(req);
    // A body is read by undici alone (a listener of ours would start the flow before it listens).
    if (!withBody) req.resume();
    this.pool.dispatch(
      {
        method: req.method ?? 'GET',
        path: this.upstreamPath(req.url),
        headers: forwardedHeaders(req.rawHeaders, this.upstreamAuthorization),
        body: withBody ? req : null,
      },
      new Relay(req, res, this.o.clock.now(), this),
    );
  }

  answer(res: ServerResponse, t: Timing, status: number, reason: string, message: string): void {
    this.problem(message);
    const body = statusBody(status, reason, message);
    t.status = status;
    t.bytesOut = Buffer.byteLength(body);
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  }

  /**
   * exec, attach, port-forward (SPDY or WebSocket): replay the request upstream, and only once its answer's
   * head is in, send the client's bytes (`head` first, then the socket's) and pipe both ways, in order.
   */
  private async upgrade(req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    this.track(socket);
    const refused = this.refusal(req);
    if (refused) {
      const body = statusBody(401, 'Unauthorized', refused);
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    const at = this.o.clock.now();
    const t: Timing = { start: performance.now(), head: 0, status: 0, bytesIn: 0, bytesOut: 0 };
    const port = Number(this.upstreamUrl.port || 443);
    // Until the upstream has answered, the client's socket is never read (the server left it paused):
    // what the client sends early waits in its buffer, not in a listener that could drop it. The HTTP
    // server took its error listener away; one is needed until `finish` takes over.
    socket.once('error', () => socket.destroy());
    let tunnel: Duplex | undefined;
    try {
      tunnel = await this.o.upstream.gateway?.open(this.upstreamUrl.hostname, port);
    } catch (error) {
      this.problem(PROXY_MESSAGES.upstreamDropped((error as Error).message));
      socket.destroy();
      return;
    }
    if (socket.destroyed) return void tunnel?.destroy();
    const upstream = tls.connect({
      socket: tunnel as Socket | undefined,
      host: this.upstreamUrl.hostname,
      port,
      ca: this.o.upstream.caPem || undefined,
      servername:
        this.o.upstream.tlsServerName ?? (isIp(this.upstreamUrl.hostname) ? undefined : this.upstreamUrl.hostname),
      ALPNProtocols: ['http/1.1'],
    });
    this.track(upstream);
    const tap = this.o.tapUpgrade?.(req.method ?? 'GET', req.url ?? '/');
    const headers = this.upstreamHeaders(req);
    headers.connection = 'Upgrade';
    // A tapped stream must stay readable: no per-message compression.
    if (tap) delete headers['sec-websocket-extensions'];
    const lines = [`${req.method} ${this.upstreamPath(req.url)} HTTP/1.1`];
    for (const [key, value] of Object.entries(headers))
      for (const v of Array.isArray(value) ? value : [value]) lines.push(`${key}: ${v}`);
    upstream.once('secureConnect', () => upstream.write(`${lines.join('\r\n')}\r\n\r\n`));
    const fromServer = (chunk: Buffer) => {
      t.bytesOut += chunk.length;
      tap?.fromServer(chunk);
    };
    const fromClient = (chunk: Buffer) => {
      t.bytesIn += chunk.length;
      tap?.fromClient(chunk);
    };
    let answer: Buffer = Buffer.alloc(0);
    const readAnswerHead = (chunk: Buffer) => {
      answer = answer.length === 0 ? chunk : Buffer.concat([answer, chunk]);
      if (answer.indexOf(HEAD_END) < 0) {
        if (answer.length > MAX_ANSWER_HEAD) upstream.destroy(new Error('upgrade answer head too large'));
        return;
      }
      upstream.off('data', readAnswerHead);
      t.head = performance.now();
      t.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer.subarray(0, 16).toString('latin1'))?.[1] ?? 0);
      fromServer(answer);
      socket.write(answer);
      upstream.on('data', fromServer);
      upstream.pipe(socket);
      if (t.status !== 101) {
        // Refused (403, 400…): the answer is the client's; what it sent for the stream goes nowhere.
        socket.on('data', (c: Buffer) => {
          t.bytesIn += c.length;
        });
        return;
      }
      if (head.length > 0) {
        fromClient(head);
        upstream.write(head);
      }
      socket.on('data', fromClient);
      socket.pipe(upstream);
    };
    upstream.on('data', readAnswerHead);
    let recorded = false;
    let answered = false;
    const finish = () => {
      upstream.destroy();
      // A 502 written to the client is left to flush; its socket closes on its own.
      if (!answered) socket.destroy();
      if (recorded) return;
      recorded = true;
      this.record(req, at, t, tap);
    };
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (t.status === 0 && !socket.destroyed) {
        const body = statusBody(502, 'BadGateway', PROXY_MESSAGES.upstreamDropped(error.code ?? error.message));
        t.status = 502;
        answered = true;
        socket.end(
          `HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
        );
      }
      finish();
    });
    socket.on('error', finish);
    upstream.on('close', finish);
    socket.on('close', finish);
  }
}

const HEAD_END = Buffer.from('\r\n\r\n');
/** An upgrade answer's head (status line and headers) larger than this is not an API server's. */
const MAX_ANSWER_HEAD = 64 * 1024;

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
