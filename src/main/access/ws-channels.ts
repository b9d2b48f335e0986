// Reads one direction of a WebSocket exec stream (channel.k8s.io family) as (channel, bytes) messages, however TCP splits the frames.

/** Kubernetes' remotecommand channels: what each first byte (or first digit, in base64 framing) means. */
export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

const OP_CONTINUATION = 0;
const OP_TEXT = 1;
const OP_BINARY = 2;
/** A message bigger than this is passed over, not buffered (kubectl sends 32 KiB at most). */
const MAX_MESSAGE = 4 * 1024 * 1024;

/**
 * The subprotocols kube-apiserver speaks for exec and attach: channel.k8s.io, v4/v5.channel.k8s.io
 * (first byte of a binary message is the channel) and base64.channel.k8s.io, v4.base64.channel.k8s.io
 * (text messages: an ASCII digit, then base64).
 */
export function channelFraming(protocol: string): 'binary' | 'base64' | undefined {
  if (/^(v\d+\.)?channel\.k8s\.io$/.test(protocol)) return 'binary';
  if (/^(v\d+\.)?base64\.channel\.k8s\.io$/.test(protocol)) return 'base64';
  return undefined;
}

export class WebSocketChannelReader {
  private buffered: Buffer = Buffer.alloc(0);
  private message: Buffer[] = [];
  private messageBytes = 0;
  private skipping = 0;

  constructor(
    private readonly framing: 'binary' | 'base64',
    private readonly onMessage: (channel: number, data: Buffer) => void,
    /** Frames compressed by an extension cannot be read; said once. */
    private readonly onUnreadable: () => void = () => {},
  ) {}

  push(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.frame()) {}
  }

  /** Consumes one whole frame from the buffer; false when it holds less than one. */
  private frame(): boolean {
    const b = this.buffered;
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, b.length);
      this.skipping -= n;
      this.buffered = b.subarray(n);
      return this.buffered.length > 0;
    }
    if (b.length < 2) return false;
    const fin = (b[0] as number) & 0x80;
    const compressed = (b[0] as number) & 0x40;
    const op = (b[0] as number) & 0x0f;
    const masked = (b[1] as number) & 0x80;
    let length = (b[1] as number) & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return false;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return false;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    const maskAt = offset;
    if (masked) offset += 4;
    if (b.length < offset) return false;
    if (length > MAX_MESSAGE || compressed) {
      if (compressed) this.onUnreadable();
      this.skipping = length;
      this.buffered = b.subarray(offset);
      return true;
    }
    if (b.length < offset + length) return false;
    const payload = Buffer.from(b.subarray(offset, offset + length));
    if (masked)
      for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (b[maskAt + (i % 4)] as number);
    this.buffered = b.subarray(offset + length);
    // Control frames (close, ping, pong) carry no channel data.
    if (op === OP_TEXT || op === OP_BINARY || op === OP_CONTINUATION) this.data(op, payload, fin !== 0);
    return true;
  }

  private data(op: number, payload: Buffer, fin: boolean): void {
    if (op !== OP_CONTINUATION) {
      this.message = [];
      this.messageBytes = 0;
    }
    this.messageBytes += payload.length;
    if (this.messageBytes <= MAX_MESSAGE) this.message.push(payload);
    if (!fin) return;
    const whole = Buffer.concat(this.message);
    this.message = [];
    if (whole.length === 0) return;
    if (this.framing === 'base64') {
      const channel = (whole[0] as number) - 0x30;
      this.onMessage(channel, Buffer.from(whole.subarray(1).toString('latin1'), 'base64'));
    } else this.onMessage(whole[0] as number, whole.subarray(1));
  }
}
