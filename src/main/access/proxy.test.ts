// The session proxy against a scripted upstream: credential check, loopback bind, expiry, 401/drop messages, upgrades piped and cut.
import https from 'node:https';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { proxyTestSetup, type ScriptedApi, scriptedApiServer } from '../../../test/integration/access/exec-upstream';
import type { SessionRequest } from '../../shared/ipc/access';
import { FakeClock } from '../clock';
import { SessionProxy } from './proxy';
import { PROXY_MESSAGES } from './status-body';

const MINTED = 'minted-token-abc';
const LOCAL = 'local-credential-xyz';

const { cert, closers } = proxyTestSetup();

/** An upstream that answers by path: /ok echoes the Authorization it saw, /echo the body it received, /unauthorized 401, /drop cuts. */
async function upstream(): Promise<ScriptedApi> {
  const api = await scriptedApiServer({
    requests: (req, res) => {
      if (req.url === '/drop') return void req.socket.destroy();
      if (req.url === '/echo') return void req.pipe(res);
      if (req.url === '/unauthorized') return void res.writeHead(401).end('{"kind":"Status","code":401}');
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ auth: req.headers.authorization }));
    },
  });
  closers.push(() => api.close());
  return api;
}

async function startProxy(clock = new FakeClock(Date.now()), expiresInMs = 60_000) {
  const logged: SessionRequest[] = [];
  const api = await upstream();
  const proxy = new SessionProxy({
    upstream: { server: api.url, caPem: api.caPem },
    token: MINTED,
    localCredential: LOCAL,
    cert: cert(),
    expiresAt: clock.now() + expiresInMs,
    clock,
    onRequest: (r) => logged.push(r),
  });
  await proxy.listen();
  closers.push(() => proxy.close());
  return { proxy, logged, clock };
}

function get(url: string, path: string, credential?: string, send?: { method: string; body: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = credential ? { authorization: `Bearer ${credential}` } : {};
    https
      .request(`${url}${path}`, { ca: cert().caPem, headers, method: send?.method ?? 'GET' }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject)
      .end(send?.body);
  });
}

describe('SessionProxy', () => {
  it('listens on 127.0.0.1 only and forwards with the minted token, never the local credential', async () => {
    const { proxy, logged } = await startProxy();
    expect(proxy.address.address).toBe('127.0.0.1');
    const res = await get(proxy.url, '/ok', LOCAL);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ auth: `Bearer ${MINTED}` });
    await new Promise((r) => setTimeout(r, 20));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ method: 'GET', path: '/ok', status: 200 });
  });

  it('refuses a request without the session credential, or with a wrong one, before it goes upstream', async () => {
    const { proxy, logged } = await startProxy();
    for (const credential of [undefined, 'guess', `${LOCAL}x`, `${LOCAL.slice(0, -1)}Q`]) {
      const res = await get(proxy.url, '/ok', credential);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).message).toBe(PROXY_MESSAGES.missingCredential);
    }
    expect(logged).toHaveLength(0);
  });

  it('streams a request body upstream and counts its bytes; a GET goes without one', async () => {
    const { proxy, logged } = await startProxy();
    const body = JSON.stringify({ kind: 'ConfigMap', data: { k: 'v'.repeat(100_000) } });
    const echoed = await get(proxy.url, '/echo', LOCAL, { method: 'POST', body });
    expect(echoed).toEqual({ status: 200, body });
    expect((await get(proxy.url, '/echo', LOCAL)).body).toBe('');
    await expect.poll(() => logged.length).toBe(2);
    expect(logged.map((r) => [r.method, r.bytesIn, r.bytesOut])).toEqual([
      ['POST', body.length, body.length],
      ['GET', 0, 0],
    ]);
  });

  it('refuses every request once the session time is up', async () => {
    const { proxy, clock } = await startProxy(undefined, 5_000);
    expect((await get(proxy.url, '/ok', LOCAL)).status).toBe(200);
    clock.advance(5_000);
    const res = await get(proxy.url, '/ok', LOCAL);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).message).toBe(PROXY_MESSAGES.sessionOver);
  });

  it('turns an upstream 401 into a clear message, and a dropped connection into a 502 that says so', async () => {
    const { proxy } = await startProxy();
    const refused = await get(proxy.url, '/unauthorized', LOCAL);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).message).toBe(PROXY_MESSAGES.tokenRefused);
    const dropped = await get(proxy.url, '/drop', LOCAL);
    expect(dropped.status).toBe(502);
    expect(JSON.parse(dropped.body).message).toMatch(
      /API server closed the connection \((ECONNRESET|other side closed)\)/,
    );
  });

  it('pipes an upgraded stream both ways with the minted token, and cuts it when the proxy closes', async () => {
    const { proxy, logged } = await startProxy();
    const socket = tls.connect({ host: '127.0.0.1', port: proxy.address.port, ca: cert().caPem });
    await new Promise<void>((resolve) => socket.once('secureConnect', () => resolve()));
    let received = '';
    socket.on('data', (c: Buffer) => {
      received += c.toString();
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      `POST /api/v1/namespaces/a/pods/p/exec?command=ls&stdout=true HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${LOCAL}\r\nconnection: Upgrade\r\nupgrade: echo\r\n\r\n`,
    );
    await expect.poll(() => received, { timeout: 5000 }).toContain(`auth=Bearer ${MINTED}`);
    expect(received).toMatch(/^HTTP\/1\.1 101/);
    socket.write('ping-through\n');
    await expect.poll(() => received, { timeout: 5000 }).toContain('ping-through');
    await proxy.close();
    await closed;
    await expect.poll(() => logged.length).toBe(1);
    expect(logged[0]).toMatchObject({
      verb: 'exec',
      status: 101,
      execCommand: 'ls',
      command: 'kubectl exec p -n a -- ls',
    });
  });

  it('keeps the bytes a client sends with and right after the upgrade request, in order, until the upstream has answered', async () => {
    const { proxy, logged } = await startProxy();
    const socket = tls.connect({ host: '127.0.0.1', port: proxy.address.port, ca: cert().caPem });
    await new Promise<void>((resolve) => socket.once('secureConnect', () => resolve()));
    let received = Buffer.alloc(0);
    socket.on('data', (c: Buffer) => {
      received = Buffer.concat([received, c]);
    });
    const request = `POST /api/v1/namespaces/a/pods/p/exec?command=cat&stdin=true HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${LOCAL}\r\nconnection: Upgrade\r\nupgrade: echo\r\n\r\n`;
    // The first stdin frame in the same write as the request (the 'upgrade' event's head), then more at once.
    const frames = Array.from({ length: 40 }, (_, i) => `frame-${i}:${'x'.repeat(i * 50)}\n`);
    socket.write(Buffer.concat([Buffer.from(request), Buffer.from(frames[0] as string)]));
    for (const f of frames.slice(1)) socket.write(f);
    const sent = frames.join('');
    const echoed = `auth=Bearer ${MINTED}\n${sent}`;
    const text = () => received.toString();
    await expect.poll(() => text().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(echoed.length);
    const body = text().slice(text().indexOf('\r\n\r\n') + 4);
    expect(text()).toMatch(/^HTTP\/1\.1 101/);
    expect(body).toBe(echoed);
    socket.destroy();
    await expect.poll(() => logged.length).toBe(1);
    expect(logged[0]).toMatchObject({ status: 101, bytesIn: sent.length });
  });
});
