// Per-call client-node options: abort signals (cancel and timeout), an Accept header, and raw JSON bodies.
import {
  type ConfigurationOptions,
  Observable,
  type ObservableMiddleware,
  ResponseContext,
} from '@kubernetes/client-node';

/** Per-call options that abort the request after `timeoutMs`. */
export function timeoutOptions(timeoutMs: number): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (ctx) => {
      ctx.setSignal(AbortSignal.timeout(timeoutMs));
      return new Observable(Promise.resolve(ctx));
    },
    post: (ctx) => new Observable(Promise.resolve(ctx)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/** The caller's cancel signal, plus the per-request timeout. */
export function requestSignal(outer: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([outer, AbortSignal.timeout(timeoutMs)]);
}

/** A call whose successful JSON body is kept as parsed, not re-modelled into client-node's classes. */
export interface RawCall {
  options: ConfigurationOptions;
  body: () => unknown;
  /** The length of the JSON body read (its characters: the bytes, for the ASCII that lists are). */
  bytes: () => number;
}

/**
 * Per-call options: an abort signal (cancel + timeout), an optional Accept header, and a response
 * hook that keeps the raw JSON so that 10k Secrets are not re-modelled into classes we don't use.
 */
export function rawCall(signal: AbortSignal, accept?: string, headers: Record<string, string> = {}): RawCall {
  let captured: unknown;
  let length = 0;
  const middleware: ObservableMiddleware = {
    pre: (ctx) => {
      ctx.setSignal(signal);
      if (accept) ctx.setHeaderParam('Accept', accept);
      for (const [name, value] of Object.entries(headers)) ctx.setHeaderParam(name, value);
      return new Observable(Promise.resolve(ctx));
    },
    post: (ctx) => {
      if (ctx.httpStatusCode < 200 || ctx.httpStatusCode >= 300) return new Observable(Promise.resolve(ctx));
      const original = ctx.body;
      const body = {
        text: async () => {
          const text = await original.text();
          length = text.length;
          captured = JSON.parse(text);
          return '{}';
        },
        binary: () => original.binary(),
        stream: () => null,
      };
      return new Observable(Promise.resolve(new ResponseContext(ctx.httpStatusCode, ctx.headers, body)));
    },
  };
  return {
    options: { middleware: [middleware], middlewareMergeStrategy: 'append' },
    body: () => captured,
    bytes: () => length,
  };
}
