// The harness refuses other origins, other hosts, missing, wrong and reused tokens; serves only the renderer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type App, createApp } from '../app';
import { silentLogger } from '../log';
import { type Harness, startHarness } from './server';

function connect(url: string, origin: string): Promise<{ ws?: WebSocket; status?: number; first?: unknown }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', () => resolve({ status: -1 }));
    ws.once('message', (data) => resolve({ ws, first: JSON.parse(String(data)) }));
  });
}

describe('browser harness', () => {
  let dir: string;
  let app: App;
  let harness: Harness;
  let token: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-harness-'));
    fs.mkdirSync(path.join(dir, 'renderer'));
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
    app = await createApp({ dataDir: path.join(dir, 'data'), shell: 'browser', log: silentLogger() });
    harness = await startHarness({ app, rendererDir: path.join(dir, 'renderer') });
    token = new URL(harness.url).hash.replace('#token=', '');
  });

  afterAll(async () => {
    await harness.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const wsUrl = (query: string) => `${harness.origin.replace('http', 'ws')}/ws?${query}`;

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
    first.ws?.close();
    expect((await connect(wsUrl(`token=${token}`), harness.origin)).status).toBe(401);
    const resume = (first.first as { resume: string }).resume;
    const again = await connect(wsUrl(`resume=${resume}`), harness.origin);
    expect(again.first).toMatchObject({ type: 'hello' });
    again.ws?.close();
  });
});
