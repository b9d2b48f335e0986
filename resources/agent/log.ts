// Structured JSON-line logs on stdout; callers pass names and counts only, never a Secret's values.
import type { LogLevel } from './config';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Fields = Record<string, string | number | boolean | string[] | undefined>;

export interface AgentLog {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

export function createAgentLog(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stdout.write(l),
): AgentLog {
  const emit =
    (at: LogLevel) =>
    (msg: string, fields: Fields = {}) => {
      if (ORDER[at] < ORDER[level]) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields })}\n`);
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
