// A scripted API server for the session proxy's tests: plain requests, and exec over WebSocket (v5), SPDY/3.1, or a raw echo upgrade.

import type { IncomingMessage, RequestListener } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, beforeAll } from 'vitest';
import { WebSocketServer } from 'ws';
import { createSessionCert, type SessionCert } from '../../../src/main/access/session-cert';
import { SPDY_DICTIONARY } from '../../../src/main/access/spdy-streams';

export interface ScriptedApiOptions {
  /** Plain (non-upgrade) requests; by default a pod `a/web` and just enough discovery for `kubectl exec`. */
  requests?: RequestListener;
  /** Written on stdout as soon as an exec stream is open, as a shell's prompt is. */
  greeting?: string;
}

export interface ScriptedApi {
  url: string;
  caPem: string;
  /** The `Sec-WebSocket-Extensions` the last WebSocket upgrade offered. */
  extensions(): string | undefined;
  close(): Promise<void>;
}

/**
 * What every exec stream does, whatever carries it: the greeting on stdout, each stdin chunk back upper-cased
 * on stdout; at `exit\n` or when stdin closes, `done\n` on stderr, Success on the error channel, and the end.
 */
interface ExecScript {
  open(): void;
  stdin(data: Buffer): void;
  stdinClosed(): void;
}

interface ExecSink {
  stdout(data: Buffer): void;
  stderr(data: Buffer): void;
  /** Success on the error channel, then the stream's end. */
  succeed(): void;
}

function execScript(sink: ExecSink, greeting: string | undefined): ExecScript {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    sink.stderr(Buffer.from('done\n'));
    sink.succeed();
  };
  return {
    open: () => greeting && sink.stdout(Buffer.from(greeting)),
    stdin: (data) => {
      if (data.toString() === 'exit\n') return end();
      if (data.length > 0) sink.stdout(Buffer.from(data.toString().toUpperCase()));
    },
    stdinClosed: end,
  };
}

const POD = {
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: { name: 'web', namespace: 'a' },
  spec: { containers: [{ name: 'app', image: 'x' }] },
  status: { phase: 'Running' },
};

const DISCOVERY_V1 = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] },
    { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
  ],
};

const podAndDiscovery: RequestListener = (req, res) => {
  const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const url = req.url?.split('?')[0];
  if (url === '/api/v1/namespaces/a/pods/web') return void json(POD);
  if (url === '/api') return void json({ kind: 'APIVersions', versions: ['v1'] });
  if (url === '/apis') return void json({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
  if (url === '/api/v1') return void json(DISCOVERY_V1);
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"kind":"Status","code":404}');
};

/** zlib with SPDY's dictionary, one header block at a time (each flushed whole). */
function zlibBlocks(stream: zlib.Deflate | zlib.Inflate): (block: Buffer) => Promise<Buffer> {
  return (block) =>
    new Promise<Buffer>((resolve) => {
      const parts: Buffer[] = [];
      const take = (c: Buffer) => parts.push(c);
      stream.on('data', take);
      stream.write(block);
      stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        stream.off('data', take);
        resolve(Buffer.concat(parts));
      });
    });
}

/** The API server's side of one SPDY/3.1 exec: replies to each stream the client opens, then runs the script. */
function serveSpdy(socket: Socket, head: Buffer, greeting: string | undefined): void {
  const compressed = zlibBlocks(zlib.createDeflate({ dictionary: SPDY_DICTIONARY }));
  const inflated = zlibBlocks(zlib.createInflate({ dictionary: SPDY_DICTIONARY }));
  const ids = new Map<string, number>();
  const control = (type: number, payload: Buffer) => {
    const frameHead = Buffer.from([0x80, 3, 0, type, 0, 0, 0, 0]);
    frameHead.writeUIntBE(payload.length, 5, 3);
    socket.write(Buffer.concat([frameHead, payload]));
  };
  const data = (stream: string, payload: Buffer, fin = false) => {
    const frameHead = Buffer.alloc(8);
    frameHead.writeUInt32BE(ids.get(stream) as number);
    frameHead[4] = fin ? 1 : 0;
    frameHead.writeUIntBE(payload.length, 5, 3);
    socket.write(Buffer.concat([frameHead, payload]));
  };
  const script = execScript(
    {
      stdout: (d) => data('stdout', d),
      stderr: (d) => data('stderr', d),
      succeed: () => {
        data('stdout', Buffer.alloc(0), true);
        data('stderr', Buffer.alloc(0), true);
        data('error', Buffer.alloc(0), true);
      },
    },
    greeting,
  );
  const frame = async (frameHead: Buffer, payload: Buffer) => {
    if (((frameHead[0] as number) & 0x80) === 0) {
      if (frameHead.readUInt32BE(0) !== ids.get('stdin')) return;
      script.stdin(payload);
      if ((frameHead[4] as number) & 1) script.stdinClosed();
      return;
    }
    // Only SYN_STREAM (type 1) matters: its id and its `streamtype` header.
    if (frameHead.readUInt16BE(2) !== 1) return;
    const id = payload.readUInt32BE(0) & 0x7fffffff;
    const block = await inflated(payload.subarray(10));
    const at = block.indexOf('streamtype') + 'streamtype'.length;
    const type = block.subarray(at + 4, at + 4 + block.readUInt32BE(at)).toString('latin1');
    ids.set(type, id);
    const reply = Buffer.alloc(4);
    reply.writeUInt32BE(id);
    control(2, Buffer.concat([reply, await compressed(Buffer.alloc(4))]));
    if (type === 'stdout') script.open();
  };
  let buffered = Buffer.alloc(0);
  let chain = Promise.resolve();
  const read = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 8) {
      const length = buffered.readUIntBE(5, 3);
      if (buffered.length < 8 + length) break;
      const frameHead = buffered.subarray(0, 8);
      const payload = buffered.subarray(8, 8 + length);
      buffered = buffered.subarray(8 + length);
      chain = chain.then(() => frame(frameHead, payload));
    }
  };
  read(head);
  socket.on('data', read);
}

/** Any other upgrade: 101, a line naming the Authorization it saw, then every byte back as it came (`head` first). */
function serveEcho(req: IncomingMessage, socket: Socket, head: Buffer): void {
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nupgrade: ${req.headers.upgrade}\r\nconnection: Upgrade\r\n\r\n`);
  socket.write(`auth=${req.headers.authorization}\n`);
  socket.write(head);
  socket.pipe(socket);
}

/** Starts the scripted API server on loopback with its own throwaway CA. */
export async function scriptedApiServer(options: ScriptedApiOptions = {}): Promise<ScriptedApi> {
  const cert = await createSessionCert(new Date(Date.now() + 3600_000));
  const server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, options.requests ?? podAndDiscovery);
  let extensions: string | undefined;
  const wss = new WebSocketServer({ noServer: true, handleProtocols: () => 'v5.channel.k8s.io' });
  wss.on('headers', (_headers, req) => {
    extensions = req.headers['sec-websocket-extensions'];
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const protocol = String(req.headers.upgrade).toLowerCase();
    if (protocol === 'spdy/3.1') {
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n',
      );
      return serveSpdy(socket, head, options.greeting);
    }
    if (protocol !== 'websocket') return serveEcho(req, socket, head);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const channel = (n: number) => (d: Buffer) => ws.send(Buffer.concat([Buffer.from([n]), d]));
      const script = execScript(
        {
          stdout: channel(1),
          stderr: channel(2),
          succeed: () => {
            channel(3)(Buffer.from('{"metadata":{},"status":"Success"}'));
            ws.close(1000);
          },
        },
        options.greeting,
      );
      ws.on('message', (m: Buffer) => {
        if (m[0] === 0) script.stdin(m.subarray(1));
        // v5.channel.k8s.io: the client closed stdin.
        if (m[0] === 255 && m[1] === 0) script.stdinClosed();
      });
      script.open();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caPem: cert.caPem,
    extensions: () => extensions,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/**
 * For a test file of the proxy: a session certificate for it (made once), and `closers` that run after
 * each test, newest first.
 */
export function proxyTestSetup(): { cert: () => SessionCert; closers: (() => Promise<void> | void)[] } {
  let cert: SessionCert | undefined;
  const closers: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    cert = await createSessionCert(new Date(Date.now() + 3600_000));
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  return { cert: () => cert as SessionCert, closers };
}
