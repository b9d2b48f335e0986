// Decodes one Secret value byte-exact into the view the value viewer shows (text, JSON, PEM, docker config, hex).
import {
  type DecodedCertificate,
  type DecodedValue,
  type DecodeView,
  type TextFlags,
  textFlags,
} from '../../shared/secrets';
import { readDockerConfig } from './docker';
import { hexDump } from './hexdump';
import { prettyJson } from './json-text';
import { describePrivateKey, isPrivateKeyLabel, pemBlocks, readCertificate } from './pem';

export interface DecodeOptions {
  /** The data key, e.g. `tls.crt`; a hint only, content decides. */
  key: string;
  /** The Secret's type, e.g. `kubernetes.io/dockerconfigjson`; a hint only. */
  secretType?: string;
  /** For certificate expiry (ms since the epoch). */
  now: number;
  /** `text` or `hex` force a view; `text` still falls back to hex for bytes that are not UTF-8. */
  view?: DecodeView;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// biome-ignore lint/suspicious/noControlCharactersInRegex: counting control characters is the point.
const CONTROL_G = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/g;
/** Above this share of control characters, valid UTF-8 is still shown as binary. */
const CONTROL_SHARE = 0.05;
/** Key names that hold private keys by convention; `api-key` and the like are not among them. */
const PRIVATE_KEY_NAMES = /^(tls\.key|ssh-privatekey|id_(rsa|ecdsa|ed25519|dsa))$|\.key$|private[._-]?key/i;

/** The exact text of the bytes, or undefined when they are not valid UTF-8. The BOM is kept. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function binary(bytes: Uint8Array): DecodedValue {
  return { kind: 'binary', size: bytes.length, hexLines: hexDump(bytes) };
}

function looksBinary(text: string, flags: TextFlags): boolean {
  if (!flags.controlChars) return false;
  if (text.includes('\u0000')) return true;
  const count = text.match(CONTROL_G)?.length ?? 0;
  return count > text.length * CONTROL_SHARE;
}

function fromPem(text: string, size: number, flags: TextFlags, now: number): DecodedValue | undefined {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) return undefined;
  const certBlocks = blocks.filter((b) => b.label === 'CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
  const certificates = certBlocks
    .map((b) => readCertificate(b.text, now))
    .filter((c): c is DecodedCertificate => c !== undefined);
  const key = blocks.find((b) => isPrivateKeyLabel(b.label));
  if (key) return { kind: 'pem-private-key', size, ...describePrivateKey(key), certificates };
  if (certificates.length === 0) return undefined;
  const unreadable = certBlocks.length - certificates.length;
  return { kind: 'pem-certificate', size, text, flags, certificates, unreadable };
}

function fromJson(text: string, size: number, flags: TextFlags, options: DecodeOptions): DecodedValue | undefined {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON after all (or nested beyond the parser's stack): it is shown as text.
    return undefined;
  }
  const legacy = options.key === '.dockercfg' || options.secretType === 'kubernetes.io/dockercfg';
  const dockerHint = legacy || options.key === '.dockerconfigjson' || options.secretType?.includes('dockerconfigjson');
  const registries = readDockerConfig(parsed, legacy);
  if (registries && (dockerHint || registries.length > 0)) return { kind: 'dockerconfigjson', size, registries };
  return { kind: 'json', size, text, pretty: prettyJson(text), flags };
}

/**
 * Decodes a value without losing a byte: whatever the view, the bytes can be rebuilt from it
 * (text and JSON carry the exact string, binary every byte). Private keys are described, not shown,
 * unless the caller forces the `text` view.
 */
export function decodeValue(bytes: Uint8Array, options: DecodeOptions): DecodedValue {
  const view = options.view ?? 'auto';
  if (view === 'hex') return binary(bytes);
  const text = utf8Text(bytes);
  if (text === undefined) return binary(bytes);
  const size = bytes.length;
  const flags = textFlags(text);
  if (view === 'text') return { kind: 'text', size, text, flags };
  if (looksBinary(text, flags)) return binary(bytes);
  const decoded = fromPem(text, size, flags, options.now) ?? fromJson(text, size, flags, options);
  if (decoded) return decoded;
  if (PRIVATE_KEY_NAMES.test(options.key) && size > 0) {
    // Named like a key but in no format we know: keep it masked rather than paint it on screen.
    return { kind: 'pem-private-key', size, format: 'unrecognised', certificates: [] };
  }
  return { kind: 'text', size, text, flags };
}
