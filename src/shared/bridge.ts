// The one object the renderer talks to, whatever carries it (Electron preload or the browser harness).
import type { Result } from './errors';

/**
 * `window.strongroom`. The preload exposes it over Electron IPC; the browser harness client
 * provides the same shape over a WebSocket. The renderer cannot tell them apart.
 */
export interface StrongroomBridge {
  /** Calls a contract channel; always resolves, with a value or an error as data. */
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** Listens to a contract event; returns a function that stops listening. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Messages of the harness WebSocket protocol (JSON, one per frame). */
export type HarnessClientMessage = { type: 'invoke'; id: number; channel: string; payload: unknown };

export type HarnessServerMessage =
  | { type: 'hello'; resume: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown };
