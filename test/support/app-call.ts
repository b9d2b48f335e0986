// Test helper: calls a channel on an app, typed by the contract, and returns its value or throws with the error's code.
import type { App } from '../../src/main/app';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src/shared/ipc';

export type ValueCall = <N extends ChannelName>(name: N, payload: ChannelInput<N>) => Promise<ChannelOutput<N>>;

/** `app` may be a getter, for suites that build a new app per test. */
export function valueCall(app: App | (() => App)): ValueCall {
  return async (name, payload) => {
    const r = await (typeof app === 'function' ? app() : app).call(name, payload);
    if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code}: ${r.error.message}`), { code: r.error.code });
    return r.value;
  };
}

/** The value, or a failed test when it is missing (a row a test expects in a page it just read). */
export function present<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected a ${what}`);
  return value;
}
