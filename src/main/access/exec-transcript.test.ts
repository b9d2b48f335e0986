// Exec transcripts: a scripted upstream speaking v5.channel.k8s.io through the session proxy, framing split anywhere, base64 framing, the cap.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { proxyTestSetup, type ScriptedApi, scriptedApiServer } from '../../../test/integration/access/exec-upstream';
import type { SessionRequest } from '../../shared/ipc/access';
import { FakeClock } from '../clock';
import { ExecStreamTap, execTapFor } from './exec-transcript';
import { SessionProxy } from './proxy';

const LOCAL = 'local-credential';
const { cert, closers } = proxyTestSetup();

const frame = (channel: number, text: string) => Buffer.concat([Buffer.from([channel]), Buffer.from(text)]);

/** The scripted exec endpoint, greeting as a shell's prompt does. */
async function execUpstream() {
  const api = await scriptedApiServer({ greeting: 'sh-5.2$ ' });
  closers.push(() => api.close());
  return api;
}

async function proxyTo(upstream: ScriptedApi, record: boolean) {
  const logged: SessionRequest[] = [];
  const clock = new FakeClock(Date.now());
  const proxy = new SessionProxy({
    upstream: { server: upstream.url, caPem: upstream.caPem },
    token: 'minted',
    localCredential: LOCAL,
    cert: cert(),
    expiresAt: clock.now() + 60_000,
    clock,
    onRequest: (r) => logged.push(r),
    ...(record ? { tapUpgrade: execTapFor } : {}),
  });
  await proxy.listen();
  closers.push(() => proxy.close());
  return { proxy, logged };
}

/** Runs `echo hi`, then `exit`, the way kubectl exec -i does over WebSocket. */
async function runExec(proxyUrl: string): Promise<string> {
  const path = '/api/v1/namespaces/a/pods/p/exec?command=sh&stdin=true&stdout=true&stderr=true';
  const ws = new WebSocket(`${proxyUrl.replace('https:', 'wss:')}${path}`, ['v5.channel.k8s.io'], {
    ca: cert().caPem,
    headers: { authorization: `Bearer ${LOCAL}` },
  });
  let out = '';
  ws.on('message', (data: Buffer) => {
    out += data.subarray(1).toString();
    // Typed at the prompt, as a user would: the order of the transcript is then fixed.
    if (out === 'sh-5.2$ ') ws.send(frame(0, 'echo hi\n'));
    if (out.endsWith('HI\n')) ws.send(frame(0, 'exit\n'));
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('close', () => resolve());
    ws.on('error', reject);
  });
  return out;
}

describe('exec transcripts through the session proxy', () => {
  it('records stdin, stdout and stderr in order, and not the error channel', async () => {
    const upstream = await execUpstream();
    const { proxy, logged } = await proxyTo(upstream, true);
    expect(await runExec(proxy.url)).toContain('HI\n');
    await expect.poll(() => logged.length, { timeout: 5000 }).toBe(1);
    const entry = logged[0] as SessionRequest;
    expect(entry).toMatchObject({ verb: 'exec', status: 101, execCommand: 'sh' });
    expect(entry.transcript?.chunks.map((c) => [c.stream, c.text])).toEqual([
      ['stdout', 'sh-5.2$ '],
      ['stdin', 'echo hi\n'],
      ['stdout', 'ECHO HI\n'],
      ['stdin', 'exit\n'],
      ['stderr', 'done\n'],
    ]);
    expect(entry.transcript).toMatchObject({ truncated: false, bytes: 34 });
    expect(JSON.stringify(entry.transcript)).not.toContain('Success');
    // The client offered per-message compression; a recorded stream goes up without it.
    expect(upstream.extensions()).toBeUndefined();
  });

  it('records nothing when the session did not choose to', async () => {
    const upstream = await execUpstream();
    const { proxy, logged } = await proxyTo(upstream, false);
    await runExec(proxy.url);
    await expect.poll(() => logged.length, { timeout: 5000 }).toBe(1);
    expect(logged[0]?.transcript).toBeUndefined();
    expect(logged[0]?.execCommand).toBe('sh');
  });
});

/** A WebSocket frame as a client sends it (masked) or a server does (not). */
function wsFrame(op: number, payload: Buffer, masked: boolean, fin = true): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const body = masked ? Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number))) : payload;
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([(fin ? 0x80 : 0) | op, (masked ? 0x80 : 0) | len])
      : Buffer.from([(fin ? 0x80 : 0) | op, (masked ? 0x80 : 0) | 126, len >> 8, len & 0xff]);
  return Buffer.concat([head, masked ? mask : Buffer.alloc(0), body]);
}

const answer = (protocol: string) =>
  Buffer.from(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
  );

describe('ExecStreamTap', () => {
  it('reads frames however TCP splits them, and fragmented messages', () => {
    const tap = new ExecStreamTap(() => 0);
    const big = Buffer.concat([Buffer.from([1]), Buffer.alloc(300, 'x')]);
    const server = Buffer.concat([
      answer('v4.channel.k8s.io'),
      wsFrame(2, big, false),
      wsFrame(2, Buffer.from([2, 0x65]), false, false),
      wsFrame(0, Buffer.from('rr'), false),
    ]);
    // Client bytes that arrive before the 101 are held, then read.
    tap.fromClient(wsFrame(2, frame(0, 'ls\n'), true).subarray(0, 3));
    for (const byte of server) tap.fromServer(Buffer.from([byte]));
    tap.fromClient(wsFrame(2, frame(0, 'ls\n'), true).subarray(3));
    const entry: SessionRequest & { status: number } = { status: 101 } as SessionRequest;
    tap.finish(entry);
    // The stdin frame is complete only with its second part, after the server's frames.
    expect(entry.transcript?.chunks.map((c) => [c.stream, c.text])).toEqual([
      ['stdout', 'x'.repeat(300)],
      ['stderr', 'err'],
      ['stdin', 'ls\n'],
    ]);
  });

  it('decodes base64.channel.k8s.io text frames', () => {
    const tap = new ExecStreamTap(() => 0);
    tap.fromServer(
      Buffer.concat([answer('base64.channel.k8s.io'), wsFrame(1, Buffer.from(`1${btoa('total 0\n')}`), false)]),
    );
    tap.fromClient(wsFrame(1, Buffer.from(`0${btoa('ls -l\n')}`), true));
    const entry = { status: 101 } as SessionRequest;
    tap.finish(entry);
    expect(entry.transcript?.chunks.map((c) => c.text)).toEqual(['total 0\n', 'ls -l\n']);
  });

  it('keeps the first bytes up to the cap, counts the rest, and says it was truncated', () => {
    const tap = new ExecStreamTap(() => 0, 10);
    tap.fromServer(Buffer.concat([answer('v5.channel.k8s.io'), wsFrame(2, frame(1, '0123456789abcdef'), false)]));
    tap.fromServer(wsFrame(2, frame(2, 'more'), false));
    const entry = { status: 101 } as SessionRequest;
    tap.finish(entry);
    expect(entry.transcript).toEqual({
      chunks: [{ stream: 'stdout', atMs: 0, text: '0123456789' }],
      bytes: 20,
      truncated: true,
    });
  });

  it('is not used for port-forward or plain requests, and keeps no transcript of a refused upgrade', () => {
    expect(execTapFor('POST', '/api/v1/namespaces/a/pods/p/portforward')).toBeUndefined();
    expect(execTapFor('POST', '/api/v1/namespaces/a/secrets')).toBeUndefined();
    expect(execTapFor('GET', '/api/v1/namespaces/a/pods/p/attach?stdout=true')).toBeInstanceOf(ExecStreamTap);
    const tap = new ExecStreamTap(() => 0);
    tap.fromServer(Buffer.from('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n'));
    const entry = { status: 403 } as SessionRequest;
    tap.finish(entry);
    expect(entry.transcript).toBeUndefined();
  });
});
