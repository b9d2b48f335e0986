// The harness refuses other origins, other hosts, missing, wrong and reused tokens; serves only the renderer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { rawExchange, rawResume, rawWebSocket, statusOf } from './raw-client';
import { RESUME_TTL_MS } from './server';
import { startTestHarness, type TestHarness } from './test-harness';

function connect(url: string, origin: string): Promise<{ ws?: WebSocket; status?: number; first?: unknown }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', () => resolve({ status: -1 }));
    ws.once('message', (data) => resolve({ ws, first: JSON.parse(String(data)) }));
  });
}

describe('browser harness', () => {
  let h: TestHarness;
  let harness: TestHarness['harness'];
  let token: string;

  beforeAll(async () => {
    h = await startTestHarness();
    harness = h.harness;
    token = h.token;
  });

  afterAll(() => h.stop());

  const wsUrl = (query: string) => h.wsUrl(query);

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(harness.origin).hostname).toBe('127.0.0.1');
  });

  it('serves the renderer with a CSP, and nothing outside it', async () => {
    const page = await fetch(`${harness.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const outside = await fetch(`${harness.origin}/..%2Fsecret.txt`);
    expect(outside.status).toBe(404);
  });

  it('refuses a missing token, a wrong token and a foreign origin', async () => {
    expect((await connect(wsUrl(''), harness.origin)).status).toBe(401);
    expect((await connect(wsUrl('token=wrong'), harness.origin)).status).toBe(401);
    expect((await connect(wsUrl(`token=${token}`), 'http://evil.example')).status).toBe(403);
  });

  it('accepts the token once, answers calls, and refuses its second use', async () => {
    const first = await connect(wsUrl(`token=${token}`), harness.origin);
    expect(first.first).toMatchObject({ type: 'hello' });
    const reply = await new Promise((resolve) => {
      first.ws?.once('message', (data) => resolve(JSON.parse(String(data))));
      first.ws?.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:info', payload: {} }));
    });
    expect(reply).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { shell: 'browser' } } });
    const bad = await new Promise((resolve) => {
      first.ws?.once('message', (data) => resolve(JSON.parse(String(data))));
      first.ws?.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'app:info', payload: 'garbage' }));
    });
    expect(bad).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });
    await closed(first.ws);
    expect((await connect(wsUrl(`token=${token}`), harness.origin)).status).toBe(401);
    const resume = (first.first as { resume: string }).resume;
    const again = await connect(wsUrl(`resume=${resume}`), harness.origin);
    expect(again.first).toMatchObject({ type: 'hello' });
    await closed(again.ws);
  });
});

function closed(ws: WebSocket | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close();
  });
}

describe('browser harness under malformed input', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await startTestHarness();
  });
  afterAll(() => h.stop());

  const host = () => new URL(h.harness.origin).host;
  const stillAnswers = async () => expect((await fetch(`${h.harness.origin}/`)).status).toBe(200);

  it('answers 400 to a path that does not decode (%), and keeps serving', async () => {
    const reply = await rawExchange(h.port, `GET /% HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(reply)).toBe(400);
    await stillAnswers();
  });

  it('answers 400 to a request target that is no URL (//[::1), as a request and as an upgrade', async () => {
    const plain = await rawExchange(h.port, `GET //[::1 HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(plain)).toBe(400);
    const upgrade = await rawExchange(
      h.port,
      `GET //[::1 HTTP/1.1\r\nHost: ${host()}\r\nOrigin: ${h.harness.origin}\r\nUpgrade: websocket\r\n` +
        'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(statusOf(upgrade)).toBe(400);
    await stillAnswers();
  });

  it('closes a connection that sends a reserved opcode (1002) or announces a too large frame (1009)', async () => {
    const first = await rawWebSocket(h.port, h.harness.origin, `token=${h.token}`);
    if (!first) throw new Error('the handshake failed');
    first.socket.write(Buffer.from([0x83, 0x80, 0xaa, 0xbb, 0xcc, 0xdd]));
    expect(await first.closed).toBe(1002);
    const second = await rawResume(h.port, h.harness.origin, first.resume);
    if (!second) throw new Error('the resume failed');
    const huge = Buffer.from([0x82, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 1, 2, 3, 4]);
    second.socket.write(huge);
    expect(await second.closed).toBe(1009);
    await stillAnswers();
  });
});

describe('browser harness resume secrets', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await startTestHarness();
  });
  afterAll(() => h.stop());

  it('allows one live connection per secret, replaces the secret on resume, and expires it after disconnect', async () => {
    const first = await connect(h.wsUrl(`token=${h.token}`), h.harness.origin);
    const resume = (first.first as { resume: string }).resume;
    expect((await connect(h.wsUrl(`resume=${resume}`), h.harness.origin)).status).toBe(401);
    await closed(first.ws);

    const second = await connect(h.wsUrl(`resume=${resume}`), h.harness.origin);
    const next = (second.first as { resume: string }).resume;
    expect(next).not.toBe(resume);
    await closed(second.ws);
    expect((await connect(h.wsUrl(`resume=${resume}`), h.harness.origin)).status).toBe(401);

    h.clock.advance(RESUME_TTL_MS + 1);
    expect((await connect(h.wsUrl(`resume=${next}`), h.harness.origin)).status).toBe(401);
  });
});
