// Reads a SPDY/3.1 exec connection (kubectl's SPDY remotecommand) both ways: which stream is stdin/stdout/stderr, and their data.
import zlib from 'node:zlib';
import type { TranscriptStream } from '../../shared/ipc/access';

/** SPDY/3's zlib dictionary for header blocks: length-prefixed header words, then a raw tail (spec §2.6.10.1). */
// biome-ignore format: one protocol table, kept dense
const DICTIONARY_WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding',
  'accept-language', 'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection',
  'content-base', 'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5',
  'content-range', 'content-type', 'date', 'etag', 'expect', 'expires', 'from', 'host', 'if-match',
  'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since', 'last-modified', 'location',
  'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer', 'retry-after',
  'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie',
  'keep-alive', 'origin',
];
const DICTIONARY_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const SPDY_DICTIONARY = Buffer.concat([
  ...DICTIONARY_WORDS.flatMap((word) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(word.length);
    return [length, Buffer.from(word, 'latin1')];
  }),
  Buffer.from(DICTIONARY_TAIL, 'latin1'),
]);

const SYN_STREAM = 1;
const HEADERS = 8;
/** Header bytes one direction may carry before the reader stops decoding new streams (kubectl sends ~1 KiB). */
const MAX_HEADER_BYTES = 64 * 1024;
const STREAM_TYPES: Record<string, TranscriptStream> = { stdin: 'stdin', stdout: 'stdout', stderr: 'stderr' };

/** One direction's zlib context: SPDY compresses all of a sender's header blocks as one stream. */
class HeaderInflater {
  private compressed: Buffer[] = [];
  private bytes = 0;
  private seen = 0;

  /** The next header block, decoded to name → value; undefined once it cannot be. */
  next(block: Buffer): Map<string, string> | undefined {
    this.bytes += block.length;
    if (this.bytes > MAX_HEADER_BYTES) return undefined;
    this.compressed.push(block);
    let all: Buffer;
    try {
      all = zlib.inflateSync(Buffer.concat(this.compressed), {
        dictionary: SPDY_DICTIONARY,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
    } catch {
      return undefined;
    }
    const out = all.subarray(this.seen);
    this.seen = all.length;
    return parseHeaderBlock(out);
  }
}

function parseHeaderBlock(b: Buffer): Map<string, string> | undefined {
  const headers = new Map<string, string>();
  if (b.length < 4) return undefined;
  const pairs = b.readUInt32BE(0);
  let at = 4;
  const field = () => {
    if (at + 4 > b.length) return undefined;
    const length = b.readUInt32BE(at);
    const text = b.subarray(at + 4, at + 4 + length).toString('latin1');
    at += 4 + length;
    return at <= b.length ? text : undefined;
  };
  for (let i = 0; i < pairs; i++) {
    const name = field();
    const value = field();
    if (name === undefined || value === undefined) return undefined;
    headers.set(name.toLowerCase(), value);
  }
  return headers;
}

/**
 * Splits each direction into frames; a client SYN_STREAM names a stream's `streamtype`, and data
 * frames on the stdin, stdout and stderr streams go to `onData`, in the order they pass.
 */
export class SpdyStreamReader {
  private readonly streams = new Map<number, TranscriptStream>();
  private readonly buffered = { client: Buffer.alloc(0), server: Buffer.alloc(0) };
  private readonly inflaters = { client: new HeaderInflater(), server: new HeaderInflater() };

  constructor(private readonly onData: (stream: TranscriptStream, data: Buffer) => void) {}

  push(from: 'client' | 'server', chunk: Buffer): void {
    let b = this.buffered[from].length === 0 ? chunk : Buffer.concat([this.buffered[from], chunk]);
    while (b.length >= 8) {
      const length = b.readUIntBE(5, 3);
      if (b.length < 8 + length) break;
      this.frame(from, b.subarray(0, 8), b.subarray(8, 8 + length));
      b = b.subarray(8 + length);
    }
    this.buffered[from] = Buffer.from(b);
  }

  private frame(from: 'client' | 'server', head: Buffer, payload: Buffer): void {
    if (((head[0] as number) & 0x80) === 0) {
      const stream = this.streams.get(head.readUInt32BE(0) & 0x7fffffff);
      if (stream && payload.length > 0) this.onData(stream, Buffer.from(payload));
      return;
    }
    const type = head.readUInt16BE(2);
    // Every header block of a direction must pass through its inflater, in order, to keep its context.
    const block =
      type === SYN_STREAM ? payload.subarray(10) : type === 2 || type === HEADERS ? payload.subarray(4) : undefined;
    if (!block) return;
    const headers = this.inflaters[from].next(block);
    if (type !== SYN_STREAM || !headers) return;
    const stream = STREAM_TYPES[headers.get('streamtype') ?? ''];
    if (stream) this.streams.set(payload.readUInt32BE(0) & 0x7fffffff, stream);
  }
}
