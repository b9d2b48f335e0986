// Records an exec or attach stream's stdin, stdout and stderr, size-capped, from the raw upgraded bytes the session proxy relays.
import type { ExecTranscript, TranscriptStream } from '../../shared/ipc/access';
import { describeRequest } from './kubectl-command';
import type { UpgradeTap } from './proxy';
import { SpdyStreamReader } from './spdy-streams';
import { CHANNEL, channelFraming, WebSocketChannelReader } from './ws-channels';

/** What one exec request keeps at most; the rest is counted, and the transcript says it was truncated. */
export const MAX_TRANSCRIPT_BYTES = 256 * 1024;
/** Client bytes held while the server's 101 answer (which names the framing) is awaited. */
const MAX_EARLY_BYTES = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

const STREAM_OF: Record<number, TranscriptStream> = {
  [CHANNEL.stdin]: 'stdin',
  [CHANNEL.stdout]: 'stdout',
  [CHANNEL.stderr]: 'stderr',
};

/** Appends chunks in order, merging runs of one stream, until the cap. */
export class TranscriptBuilder {
  private readonly chunks: { stream: TranscriptStream; atMs: number; parts: Buffer[] }[] = [];
  private kept = 0;
  private bytes = 0;
  private truncated = false;
  private readonly notes = new Set<string>();

  private readonly start: number;

  constructor(
    private readonly now: () => number,
    private readonly cap = MAX_TRANSCRIPT_BYTES,
  ) {
    this.start = now();
  }

  add(stream: TranscriptStream, data: Buffer): void {
    if (data.length === 0) return;
    this.bytes += data.length;
    const room = this.cap - this.kept;
    if (data.length > room) this.truncated = true;
    if (room <= 0) return;
    const part = data.length > room ? data.subarray(0, room) : data;
    this.kept += part.length;
    const last = this.chunks.at(-1);
    if (last?.stream === stream) last.parts.push(Buffer.from(part));
    else this.chunks.push({ stream, atMs: Math.round(this.now() - this.start), parts: [Buffer.from(part)] });
  }

  note(text: string): void {
    this.notes.add(text);
  }

  result(): ExecTranscript {
    const out: ExecTranscript = {
      chunks: this.chunks.map((c) => ({
        stream: c.stream,
        atMs: c.atMs,
        text: Buffer.concat(c.parts).toString('utf8'),
      })),
      bytes: this.bytes,
      truncated: this.truncated,
    };
    if (this.notes.size > 0) out.note = [...this.notes].join(' ');
    return out;
  }
}

/**
 * Taps one upgraded exec/attach connection: waits for the server's 101 to learn the framing
 * (WebSocket channel.k8s.io family, or SPDY/3.1), then decodes both directions into the transcript.
 */
export class ExecStreamTap implements UpgradeTap {
  private readonly builder: TranscriptBuilder;
  private head: Buffer = Buffer.alloc(0);
  private early: Buffer[] = [];
  private earlyBytes = 0;
  private client: { push(chunk: Buffer): void } | undefined;
  private server: { push(chunk: Buffer): void } | undefined;
  private state: 'head' | 'reading' | 'off' = 'head';

  constructor(now: () => number = () => performance.now(), cap = MAX_TRANSCRIPT_BYTES) {
    this.builder = new TranscriptBuilder(now, cap);
  }

  fromClient(chunk: Buffer): void {
    if (this.state === 'reading') this.client?.push(chunk);
    else if (this.state === 'head' && this.earlyBytes + chunk.length <= MAX_EARLY_BYTES) {
      this.early.push(Buffer.from(chunk));
      this.earlyBytes += chunk.length;
    }
  }

  fromServer(chunk: Buffer): void {
    if (this.state === 'reading') return void this.server?.push(chunk);
    if (this.state === 'off') return;
    this.head = Buffer.concat([this.head, chunk]);
    const end = this.head.indexOf(HEAD_END);
    if (end < 0) {
      if (this.head.length > MAX_EARLY_BYTES) this.stop('The exec answer could not be read.');
      return;
    }
    const rest = this.head.subarray(end + HEAD_END.length);
    if (!this.begin(this.head.subarray(0, end).toString('latin1'))) return;
    this.state = 'reading';
    for (const early of this.early) this.client?.push(early);
    this.early = [];
    if (rest.length > 0) this.server?.push(rest);
  }

  /** Chooses the readers from the 101 answer's headers; false (and no transcript) otherwise. */
  private begin(head: string): boolean {
    if (!/^HTTP\/1\.1 101/.test(head)) return this.stop('');
    const header = (name: string) => new RegExp(`\\r\\n${name}:[ \\t]*([^\\r]*)`, 'i').exec(head)?.[1]?.trim() ?? '';
    const upgrade = header('upgrade').toLowerCase();
    const add = (channel: number, data: Buffer) => {
      const stream = STREAM_OF[channel];
      if (stream) this.builder.add(stream, data);
    };
    const unreadable = () => this.builder.note('Some frames were compressed and are not in the transcript.');
    if (upgrade === 'websocket') {
      const framing = channelFraming(header('sec-websocket-protocol'));
      if (!framing) return this.stop('The exec stream used a subprotocol Strongroom cannot read.');
      this.client = new WebSocketChannelReader(framing, add, unreadable);
      this.server = new WebSocketChannelReader(framing, add, unreadable);
      return true;
    }
    if (upgrade.startsWith('spdy/')) {
      const spdy = new SpdyStreamReader((stream, data) => this.builder.add(stream, data));
      this.client = { push: (chunk) => spdy.push('client', chunk) };
      this.server = { push: (chunk) => spdy.push('server', chunk) };
      return true;
    }
    return this.stop('The exec stream used a protocol Strongroom cannot read.');
  }

  private stop(note: string): false {
    this.state = 'off';
    this.early = [];
    if (note) this.builder.note(note);
    return false;
  }

  finish(entry: { transcript?: ExecTranscript; status: number }): void {
    if (entry.status === 101) entry.transcript = this.builder.result();
  }
}

/** A tap for exec and attach requests; other upgrades (port-forward) are never recorded. */
export function execTapFor(method: string, path: string): ExecStreamTap | undefined {
  const { subresource } = describeRequest(method, path);
  return subresource === 'exec' || subresource === 'attach' ? new ExecStreamTap() : undefined;
}
