// Real kubectl exec through the session proxy, over WebSocket (v5.channel.k8s.io) and SPDY/3.1, to a scripted exec endpoint: the transcript matches.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { execTapFor } from '../../../src/main/access/exec-transcript';
import { SessionProxy } from '../../../src/main/access/proxy';
import { createSessionCert, type SessionCert } from '../../../src/main/access/session-cert';
import { SPDY_DICTIONARY } from '../../../src/main/access/spdy-streams';
import { FakeClock } from '../../../src/main/clock';
import type { SessionRequest } from '../../../src/shared/ipc/access';

const LOCAL = 'local-credential';
let upstreamCert: SessionCert;
let proxyCert: SessionCert;
const closers: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  upstreamCert = await createSessionCert(new Date(Date.now() + 3600_000));
  proxyCert = await createSessionCert(new Date(Date.now() + 3600_000));
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

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

/** The API server's side of one SPDY exec: replies to each stream, echoes stdin upper-cased on stdout, ends when stdin does. */
function serveSpdy(socket: Socket): void {
  const deflate = zlib.createDeflate({ dictionary: SPDY_DICTIONARY });
  const inflate = zlib.createInflate({ dictionary: SPDY_DICTIONARY });
  const types = new Map<string, number>();
  let buffered = Buffer.alloc(0);
  const control = (type: number, payload: Buffer, flags = 0) => {
    const head = Buffer.from([0x80, 3, 0, type, flags, 0, 0, 0]);
    head.writeUIntBE(payload.length, 5, 3);
    socket.write(Buffer.concat([head, payload]));
  };
  const data = (stream: number, payload: Buffer, fin = false) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(stream);
    head[4] = fin ? 1 : 0;
    head.writeUIntBE(payload.length, 5, 3);
    socket.write(Buffer.concat([head, payload]));
  };
  const compressed = (block: Buffer) =>
    new Promise<Buffer>((resolve) => {
      const parts: Buffer[] = [];
      const take = (c: Buffer) => parts.push(c);
      deflate.on('data', take);
      deflate.write(block);
      deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        deflate.off('data', take);
        resolve(Buffer.concat(parts));
      });
    });
  const inflated = (block: Buffer) =>
    new Promise<Buffer>((resolve) => {
      const parts: Buffer[] = [];
      const take = (c: Buffer) => parts.push(c);
      inflate.on('data', take);
      inflate.write(block);
      inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        inflate.off('data', take);
        resolve(Buffer.concat(parts));
      });
    });
  let chain = Promise.resolve();
  const frame = async (head: Buffer, payload: Buffer) => {
    if (((head[0] as number) & 0x80) === 0) {
      const stream = head.readUInt32BE(0);
      if (stream !== types.get('stdin')) return;
      const out = types.get('stdout') as number;
      if (payload.length > 0) data(out, Buffer.from(payload.toString().toUpperCase()));
      if ((head[4] as number) & 1) {
        data(out, Buffer.alloc(0), true);
        data(types.get('stderr') as number, Buffer.from('done\n'), true);
        data(types.get('error') as number, Buffer.alloc(0), true);
      }
      return;
    }
    if (head.readUInt16BE(2) !== 1) return;
    const id = payload.readUInt32BE(0) & 0x7fffffff;
    const block = await inflated(payload.subarray(10));
    // The value after the `streamtype` name: a 4-byte length, then the text.
    const at = block.indexOf('streamtype') + 'streamtype'.length;
    const type = block.subarray(at + 4, at + 4 + block.readUInt32BE(at)).toString('latin1');
    types.set(type, id);
    const reply = Buffer.alloc(4);
    reply.writeUInt32BE(id);
    control(2, Buffer.concat([reply, await compressed(Buffer.alloc(4))]));
  };
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 8) {
      const length = buffered.readUIntBE(5, 3);
      if (buffered.length < 8 + length) break;
      const head = buffered.subarray(0, 8);
      const payload = buffered.subarray(8, 8 + length);
      buffered = buffered.subarray(8 + length);
      chain = chain.then(() => frame(head, payload));
    }
  });
}

/** A scripted API server: the pod, and its exec endpoint over WebSocket (v5) or SPDY/3.1. */
async function apiServer(): Promise<string> {
  const server = https.createServer({ key: upstreamCert.keyPem, cert: upstreamCert.certPem }, (req, res) => {
    const json = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const url = req.url?.split('?')[0];
    if (url === '/api/v1/namespaces/a/pods/web') return void json(POD);
    // Legacy discovery, just enough for kubectl exec.
    if (url === '/api') return void json({ kind: 'APIVersions', versions: ['v1'] });
    if (url === '/apis') return void json({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    if (url === '/api/v1') return void json(DISCOVERY_V1);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"kind":"Status","code":404}');
  });
  const wss = new WebSocketServer({ noServer: true, handleProtocols: () => 'v5.channel.k8s.io' });
  server.on('upgrade', (req, socket: Socket, head) => {
    if (String(req.headers.upgrade).toLowerCase() === 'websocket') {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('message', (m: Buffer) => {
          if (m[0] === 0)
            ws.send(Buffer.concat([Buffer.from([1]), Buffer.from(m.subarray(1).toString().toUpperCase())]));
          // v5: stdin closed.
          if (m[0] === 255 && m[1] === 0) {
            ws.send(Buffer.concat([Buffer.from([2]), Buffer.from('done\n')]));
            ws.send(Buffer.concat([Buffer.from([3]), Buffer.from('{"metadata":{},"status":"Success"}')]));
            ws.close(1000);
          }
        });
      });
      return;
    }
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n',
    );
    serveSpdy(socket);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function kubectlExec(websockets: boolean): Promise<{ out: string; logged: SessionRequest[] }> {
  const logged: SessionRequest[] = [];
  const clock = new FakeClock(Date.now());
  const proxy = new SessionProxy({
    upstream: { server: await apiServer(), caPem: upstreamCert.caPem },
    token: 'minted',
    localCredential: LOCAL,
    cert: proxyCert,
    expiresAt: clock.now() + 600_000,
    clock,
    onRequest: (r) => logged.push(r),
    tapUpgrade: execTapFor,
  });
  await proxy.listen();
  closers.push(() => proxy.close());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-exec-'));
  closers.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const kubeconfig = path.join(dir, 'config');
  fs.writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'p',
          cluster: { server: proxy.url, 'certificate-authority-data': Buffer.from(proxyCert.caPem).toString('base64') },
        },
      ],
      users: [{ name: 'u', user: { token: LOCAL } }],
      contexts: [{ name: 'c', context: { cluster: 'p', user: 'u', namespace: 'a' } }],
      'current-context': 'c',
    }),
  );
  const out = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      'kubectl',
      ['exec', '-i', 'web', '--', 'cat'],
      {
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          KUBECACHEDIR: dir,
          KUBECTL_REMOTE_COMMAND_WEBSOCKETS: websockets ? 'true' : 'false',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
    child.stdin?.end('echo hi\n');
  });
  await new Promise((r) => setTimeout(r, 200));
  return { out, logged };
}

for (const [transport, websockets] of [
  ['WebSocket (v5.channel.k8s.io)', true],
  ['SPDY/3.1', false],
] as const) {
  it(`transcribes kubectl exec -i over ${transport}: stdin, stdout and stderr`, async () => {
    const { out, logged } = await kubectlExec(websockets);
    expect(out).toBe('ECHO HI\n');
    const exec = logged.find((r) => r.execCommand === 'cat');
    expect(exec).toMatchObject({ status: 101, command: 'kubectl exec web -n a -- cat' });
    expect(exec?.transcript?.chunks.map((c) => [c.stream, c.text])).toEqual([
      ['stdin', 'echo hi\n'],
      ['stdout', 'ECHO HI\n'],
      ['stderr', 'done\n'],
    ]);
  }, 90_000);
}
