// The renderer's typed client: calls contract channels by name through whichever bridge is installed.
import type { StrongroomBridge } from '../shared/bridge';
import type { ErrorData, Result } from '../shared/errors';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../shared/ipc';

declare global {
  interface Window {
    strongroom?: StrongroomBridge;
  }
}

let bridge: StrongroomBridge | undefined;

export function installBridge(value: StrongroomBridge): void {
  bridge = value;
}

function current(): StrongroomBridge {
  if (!bridge) throw new Error('The Strongroom bridge is not installed yet.');
  return bridge;
}

let onLocked: (() => void) | undefined;

/** Called whenever a channel answers `vault_locked`, so the lock screen shows at once. */
export function whenLocked(listener: () => void): void {
  onLocked = listener;
}

export async function call<N extends ChannelName>(name: N, input: ChannelInput<N>): Promise<Result<ChannelOutput<N>>> {
  const result = (await current().invoke(name, input)) as Result<ChannelOutput<N>>;
  if (!result.ok && result.error.code === 'vault_locked') onLocked?.();
  return result;
}

/** An error that carries the contract's error data, for stores that prefer throwing. */
export class RequestError extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
  }
}

/** Calls a channel and returns its value, or throws a RequestError with `{ code, message, fix }`. */
export async function request<N extends ChannelName>(name: N, input: ChannelInput<N>): Promise<ChannelOutput<N>> {
  const result = await call(name, input);
  if (!result.ok) throw new RequestError(result.error);
  return result.value;
}

export function subscribe<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
  return current().on(name, listener as (payload: unknown) => void);
}
