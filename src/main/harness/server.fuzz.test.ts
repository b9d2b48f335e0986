// Fuzz: random request lines, headers, paths and WebSocket frames for a few seconds; the harness keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, rng } from '../../../test/support/fuzz';
import { rawExchange, rawResume, rawWebSocket } from './raw-client';
import { startTestHarness, type TestHarness } from './test-harness';

const FUZZ_MS = 3_000;
const MAX_CASES = 400;

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const junk = (next: () => number, max: number) =>
  Buffer.from(randomBytes(next, Math.floor(next() * max))).toString('latin1');

const METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS', 'G\u0000T', '', 'CONNECT', 'PRI'];
const PATHS = [
  '/',
  '/%',
  '/%E0%A4%A',
  '//[::1',
  '/ws',
  '/ws?token=',
  '/../../etc/passwd',
  '*',
  'http://[',
  '/%00',
  '/a%2f..',
];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '', 'HTTP/1.1 extra'];

/** One random HTTP request, often almost valid so that it gets past the parser. */
function request(next: () => number, host: string, origin: string): string {
  const target = next() < 0.5 ? pick(next, PATHS) : `/${junk(next, 40)}`;
  const lines = [`${pick(next, METHODS)} ${target} ${pick(next, VERSIONS)}`];
  if (next() < 0.9) lines.push(`Host: ${next() < 0.8 ? host : junk(next, 20)}`);
  if (next() < 0.5) {
    lines.push(`Origin: ${origin}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13');
    lines.push(`Sec-WebSocket-Key: ${next() < 0.8 ? 'dGhlIHNhbXBsZSBub25jZQ==' : junk(next, 30)}`);
  }
  if (next() < 0.3) lines.push(`${junk(next, 20)}: ${junk(next, 60)}`);
  if (next() < 0.2) lines.push(`Content-Length: ${pick(next, ['-1', '99999999999', 'abc', '5'])}`);
  return `${lines.join('\r\n')}\r\n\r\n${next() < 0.2 ? junk(next, 200) : ''}`;
}

/** One random frame: a random first byte, a random length form, masked or not, and random payload bytes. */
function frame(next: () => number): Buffer {
  const head = [Math.floor(next() * 256)];
  const form = Math.floor(next() * 3);
  const mask = next() < 0.8 ? 0x80 : 0;
  if (form === 0) head.push(mask | Math.floor(next() * 126));
  else if (form === 1) head.push(mask | 126, Math.floor(next() * 256), Math.floor(next() * 256));
  else head.push(mask | 127, ...randomBytes(next, 8));
  return Buffer.concat([Buffer.from(head), Buffer.from(randomBytes(next, 4 + Math.floor(next() * 64)))]);
}

describe('browser harness fuzz', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await startTestHarness();
  });
  afterAll(() => h.stop());

  it('survives random requests and frames, and still serves and accepts a connection afterwards', async () => {
    const seed = Date.now() >>> 0;
    const next = rng(seed);
    const { harness, port, token } = h;
    const host = new URL(harness.origin).host;
    const started = Date.now();
    let session = await rawWebSocket(port, harness.origin, `token=${token}`);
    let cases = 0;
    while (Date.now() - started < FUZZ_MS && cases < MAX_CASES && session) {
      cases++;
      if (next() < 0.5) {
        await rawExchange(port, request(next, host, harness.origin), 200);
        continue;
      }
      const live = session;
      live.socket.write(Buffer.concat(Array.from({ length: 1 + Math.floor(next() * 3) }, () => frame(next))));
      const ended = await Promise.race([live.closed, new Promise((r) => setTimeout(() => r('open'), 100))]);
      if (ended === 'open') continue;
      session = await rawResume(port, harness.origin, live.resume);
    }
    expect(session, `seed ${seed}: a resume after a closed connection failed`).toBeDefined();
    expect(cases).toBeGreaterThan(20);
    session?.socket.destroy();
    expect((await fetch(`${harness.origin}/`)).status).toBe(200);
  }, 60_000);
});
