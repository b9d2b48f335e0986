// Structured logging with pino, scrubbed of anything that looks like a secret before it is written.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';

export type Logger = pino.Logger;

/** Keys whose values are never logged, whatever they hold. */
const SECRET_KEY =
  /(pass(word|phrase)?|secret|token|authorization|cookie|credential|private|api[-_]?key|bearer|^data$|^stringdata$|^value$|^values$|ca[-_]?data|cert(ificate)?[-_]?data|key[-_]?data|wrapped|^key$|^dek$)/i;

/** Values that look like credentials wherever they appear, even inside a message. */
const SECRET_VALUE_PATTERNS: RegExp[] = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT (service-account tokens)
  /\b[Bb]earer\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(sk|pk|ghp|gho|xox[abp]|AKIA)[A-Za-z0-9_-]{12,}/g,
  /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g, // kubeadm bootstrap token
];

export const REDACTED = '[redacted]';

export function redactString(text: string): string {
  let out = text;
  for (const pattern of SECRET_VALUE_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

/** Returns a copy of `value` with secret-looking keys and values replaced. Cycles and depth are bounded. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return REDACTED;
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message), code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(inner, depth + 1, seen);
  }
  return out;
}

export interface LoggerOptions {
  /** Directory for `strongroom.log`; omitted means stderr only (CLI, tests). */
  dir?: string;
  level?: pino.LevelWithSilent;
  /** Extra destination, used by tests to capture what would be written. */
  stream?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? (process.env.STRONGROOM_LOG_LEVEL as pino.LevelWithSilent | undefined) ?? 'info';
  const pinoOptions: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      log: (object) => redact(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? redactString(arg) : arg));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  if (options.stream) return pino(pinoOptions, options.stream);
  if (options.dir) {
    fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const file = path.join(options.dir, 'strongroom.log');
    return pino(pinoOptions, pino.destination({ dest: file, mode: 0o600, sync: true }));
  }
  return pino(pinoOptions, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
