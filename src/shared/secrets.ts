// Domain types for a Kubernetes Secret as Strongroom holds it, and the decoded view of one value.
import type { CertificateInfo } from './clusters';

/**
 * A Secret as we hold it in main: metadata plus each data key's exact bytes. Server-set fields are
 * kept for review and sync; export drops them. Never sent to the renderer as a whole.
 */
export interface SecretRecord {
  /** Empty when the source (e.g. an offline file) did not say. */
  namespace: string;
  name: string;
  /** `Opaque`, `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson`… */
  type: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The data keys in source order, each with its exact bytes (stringData already merged in). */
  data: Record<string, Uint8Array>;
  immutable?: boolean;
  resourceVersion?: string;
  uid?: string;
  creationTimestamp?: string;
}

/** kubectl's record of the last applied manifest; it repeats the Secret's data in clear. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** What the decoder recognised a value as; `view` in a reveal request can force `text` or `hex`. */
export type DecodedKind = DecodedValue['kind'];

/** How the renderer may ask to see a value: the decoder's choice, or forced as text or hex. */
export type DecodeView = 'auto' | 'text' | 'hex';

/** Facts about a text value that a plain display would hide. */
export interface TextFlags {
  /** How many line breaks end the value (a `\r\n` counts once). */
  trailingNewlines: number;
  /** Spaces or tabs at the very end of the value, after any trailing line breaks are set aside. */
  trailingWhitespace: boolean;
  /** Spaces or tabs that start the value. */
  leadingWhitespace: boolean;
  /** At least one `\r\n` line break. */
  crlf: boolean;
  /** Starts with a UTF-8 byte order mark (kept in `text`). */
  bom: boolean;
  /** Holds control characters other than tab, line feed and carriage return. */
  controlChars: boolean;
  /** Number of lines as an editor would count them. */
  lines: number;
}

/** One certificate of a PEM value, with its expiry judged at decode time. Certificates are public. */
export interface DecodedCertificate extends Omit<CertificateInfo, 'pem'> {
  /** `expiring` means it expires within 30 days. */
  status: 'valid' | 'expiring' | 'expired' | 'not-yet-valid';
  /** Whole days until notAfter (negative once expired). */
  daysLeft: number;
}

/** One registry of a docker config. The password never crosses the bridge, only its presence. */
export interface DockerRegistryInfo {
  registry: string;
  username?: string;
  /** Length of the password, from `password` or the `auth` field; absent when there is none. */
  passwordLength?: number;
  email?: string;
  /** True when `auth` was present and decoded to `user:password`. */
  authDecoded: boolean;
  /** An identity or registry token is set (masked like the password). */
  hasToken: boolean;
}

/**
 * The decoded view of one value, chosen by content with the key name and Secret type as hints.
 * Every variant carries `size` (bytes). Text-bearing variants carry the exact text, never trimmed.
 */
export type DecodedValue =
  | { kind: 'text'; size: number; text: string; flags: TextFlags }
  | {
      kind: 'json';
      size: number;
      /** Exactly the stored text. */
      text: string;
      /** Re-indented by token: numbers, strings and duplicate keys kept as written. */
      pretty: string;
      flags: TextFlags;
    }
  | {
      kind: 'pem-certificate';
      size: number;
      text: string;
      flags: TextFlags;
      certificates: DecodedCertificate[];
      /** CERTIFICATE blocks that could not be read as X.509; `text` still holds them. */
      unreadable: number;
    }
  | {
      kind: 'pem-private-key';
      size: number;
      /** `PKCS#8`, `PKCS#1 RSA`, `SEC1 EC`, `encrypted PKCS#8`, `OpenSSH`… The key itself stays masked. */
      format: string;
      /** `rsa`, `ec`, `ed25519`… when it could be read. */
      algorithm?: string;
      bits?: number;
      curve?: string;
      /** Certificates found in the same value (a combined PEM). */
      certificates: DecodedCertificate[];
    }
  | { kind: 'dockerconfigjson'; size: number; registries: DockerRegistryInfo[] }
  | {
      kind: 'binary';
      size: number;
      /** `00000010  48 65 6c 6c …  |Hell…|`, 16 bytes a line, every byte present. */
      hexLines: string[];
    };

/** A run of a text value, so the viewer can mark what a plain display hides. */
export type TextSegment =
  | { t: 'text'; v: string }
  /** A line break exactly as stored. */
  | { t: 'newline'; v: '\n' | '\r\n' | '\r' }
  /** Spaces or tabs at the end of a line or of the value (show as `·` / `→`). */
  | { t: 'trailing-space'; v: string }
  /** A control character other than tab, line feed and carriage return (show as its code). */
  | { t: 'control'; v: string };

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we look for.
const CONTROL = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we look for.
const SEGMENT = /(\r\n|\n|\r)|([ \t]+)(?=\r|\n|$)|([\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f])/g;

/**
 * Splits a text value into segments whose `v` joined back give exactly `text`. Pure, so the
 * renderer can run it on the lines it shows rather than receive a segment per byte over IPC.
 */
export function segmentText(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(SEGMENT)) {
    const at = match.index;
    if (at > last) out.push({ t: 'text', v: text.slice(last, at) });
    if (match[1] !== undefined) out.push({ t: 'newline', v: match[1] as '\n' | '\r\n' | '\r' });
    else if (match[2] !== undefined) out.push({ t: 'trailing-space', v: match[2] });
    else out.push({ t: 'control', v: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ t: 'text', v: text.slice(last) });
  return out;
}

/** Computes the flags of a text value without building segments. */
export function textFlags(text: string): TextFlags {
  let end = text.length;
  let trailingNewlines = 0;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c === 10) {
      end -= end > 1 && text.charCodeAt(end - 2) === 13 ? 2 : 1;
      trailingNewlines++;
    } else if (c === 13) {
      end -= 1;
      trailingNewlines++;
    } else break;
  }
  const lastChar = text.charCodeAt(end - 1);
  let lines = text.length === 0 ? 0 : 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  return {
    trailingNewlines,
    trailingWhitespace: end > 0 && (lastChar === 32 || lastChar === 9),
    leadingWhitespace: text.length > 0 && (text[0] === ' ' || text[0] === '\t'),
    crlf: text.includes('\r\n'),
    bom: text.charCodeAt(0) === 0xfeff,
    controlChars: CONTROL.test(text),
    lines,
  };
}
