// Turns a raw (channel, payload) pair from any transport into a validated handler call and a Result.
import type { z } from 'zod';
import { AppError, type ErrorData, isAppError, type Result } from '../../shared/errors';
import {
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
  type Channels,
  channels,
} from '../../shared/ipc';
import type { Logger } from '../log';

/** Where a call came from. Handlers rarely need it; audit does (`actor`, `transport`). */
export interface CallContext {
  transport: 'electron' | 'harness' | 'test';
}

export type Handler<N extends ChannelName> = (
  input: ChannelParsedInput<N>,
  ctx: CallContext,
) => Promise<ChannelOutput<N>> | ChannelOutput<N>;

/** One handler per channel of the contract; the type makes a missing one a compile error. */
export type Handlers = { [N in ChannelName]: Handler<N> };

export interface DispatcherOptions {
  handlers: Handlers;
  isUnlocked(): boolean;
  /** Called on every accepted call, so that idle auto-lock measures real use. */
  onActivity?(name: ChannelName): void;
  log: Logger;
}

export type Dispatch = (name: string, payload: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/** Describes schema failures by path and rule only: the offending values may be secrets. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'payload';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return parts.join('; ') + more;
}

export function toErrorData(error: unknown, log: Logger, name: string): ErrorData {
  if (isAppError(error)) return error.toData();
  log.error({ err: error, channel: name }, 'handler failed unexpectedly');
  return {
    code: 'internal',
    message: 'Something went wrong inside Strongroom.',
    fix: 'Try again. If it keeps happening, the log file in the data directory has the details.',
  };
}

export function createDispatcher(options: DispatcherOptions): Dispatch {
  const { handlers, log } = options;
  const table = channels as Record<string, Channels[ChannelName]>;
  return async (name, payload, ctx) => {
    const def = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!def) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: `Unknown channel "${String(name).slice(0, 80)}".` },
      };
    }
    const parsed = def.input.safeParse(payload);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Invalid request for ${name}: ${describeIssues(parsed.error)}`,
          fix: 'This is a bug in the caller; the request was not carried out.',
        },
      };
    }
    if (def.access === 'unlocked' && !options.isUnlocked()) {
      return {
        ok: false,
        error: new AppError(
          'vault_locked',
          'The vault is locked.',
          'Unlock it with your passphrase or the OS keychain.',
        ).toData(),
      };
    }
    options.onActivity?.(name as ChannelName);
    try {
      const handler = handlers[name as ChannelName] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorData(error, log, name) };
    }
  };
}
