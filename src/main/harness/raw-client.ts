// Test helper: speaks raw bytes to the harness (malformed requests, hand-built WebSocket frames).
import net from 'node:net';

/** Sends `bytes` on a fresh connection and collects what comes back until the server closes or `waitMs` passes. */
export function rawExchange(port: number, bytes: Uint8Array | string, waitMs = 1_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

/** The status code of the first HTTP response in `reply`, or undefined when there was none. */
export function statusOf(reply: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(reply);
  return match ? Number(match[1]) : undefined;
}

export interface RawSession {
  socket: net.Socket;
  /** The resume secret of the server's hello. */
  resume: string;
  /** Resolves, once the socket has closed, with the close code the server sent (0 when none). */
  closed: Promise<number>;
}

/** Completes a WebSocket handshake by hand and reads the hello frame, so that raw frames can follow. */
export function rawWebSocket(port: number, origin: string, query: string): Promise<RawSession | undefined> {
  const host = new URL(origin).host;
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let code = 0;
    let resolveClosed: (code: number) => void = () => {};
    const closed = new Promise<number>((r) => {
      resolveClosed = r;
    });
    let stage: 'handshake' | 'hello' | 'open' = 'handshake';
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (stage === 'handshake') {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (statusOf(buffer.toString('latin1')) !== 101) {
          socket.destroy();
          resolve(undefined);
          return;
        }
        buffer = buffer.subarray(end + 4);
        stage = 'hello';
      }
      if (stage === 'hello') {
        const frame = readFrame(buffer);
        if (!frame) return;
        buffer = buffer.subarray(frame.length);
        stage = 'open';
        const hello = JSON.parse(frame.payload.toString()) as { resume: string };
        resolve({ socket, resume: hello.resume, closed });
      }
      for (let frame = readFrame(buffer); frame; frame = readFrame(buffer)) {
        buffer = buffer.subarray(frame.length);
        if (frame.opcode !== 0x8) continue;
        code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 0;
        socket.end();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      resolveClosed(code);
      resolve(undefined);
    });
    socket.write(
      `GET /ws?${query} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
  });
}

/** Resumes with `secret`, retrying briefly: the server learns that the previous connection ended a moment after us. */
export async function rawResume(port: number, origin: string, secret: string): Promise<RawSession | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const session = await rawWebSocket(port, origin, `resume=${secret}`);
    if (session) return session;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

/** Parses one unmasked server frame with a payload under 64 KiB. */
function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (buffer.length < 2) return undefined;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  let size = (buffer[1] ?? 0) & 0x7f;
  let offset = 2;
  if (size === 126) {
    if (buffer.length < 4) return undefined;
    size = buffer.readUInt16BE(2);
    offset = 4;
  }
  if (buffer.length < offset + size) return undefined;
  return { opcode, payload: buffer.subarray(offset, offset + size), length: offset + size };
}
