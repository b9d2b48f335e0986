// The building blocks of the IPC contract: channels and events declared once as plain values.
import type { z } from 'zod';

/** Phantom marker that carries a channel's output type without any runtime cost. */
export interface Output<T> {
  readonly __output?: T;
}

export function returns<T>(): Output<T> {
  return {};
}

/**
 * Who may call a channel: `public` works while the vault is locked (status, unlock, app info);
 * `unlocked` answers `vault_locked` until the vault is open.
 */
export type Access = 'public' | 'unlocked';

export interface ChannelDef<N extends string = string, I extends z.ZodType = z.ZodType, O = unknown> {
  readonly kind: 'channel';
  readonly name: N;
  readonly input: I;
  readonly output: Output<O>;
  readonly access: Access;
}

export interface EventDef<N extends string = string, P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly name: N;
  readonly payload: P;
}

/** Declares a request channel named `domain:verb`. */
export function channel<N extends string, I extends z.ZodType, O>(
  name: N,
  input: I,
  output: Output<O>,
  access: Access = 'unlocked',
): ChannelDef<N, I, O> {
  return { kind: 'channel', name, input, output, access };
}

/** Declares a main-to-renderer event named `domain:what-happened`. */
export function event<N extends string, P extends z.ZodType>(name: N, payload: P): EventDef<N, P> {
  return { kind: 'event', name, payload };
}

/** What the caller sends (before schema defaults and transforms). */
export type InputOf<C> = C extends ChannelDef<string, infer I, unknown> ? z.input<I> : never;
/** What the handler receives (after the schema parsed it). */
export type ParsedInputOf<C> = C extends ChannelDef<string, infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends ChannelDef<string, z.ZodType, infer O> ? O : never;
export type PayloadOf<E> = E extends EventDef<string, infer P> ? z.output<P> : never;

/** Indexes a list of definitions by name, keeping each entry's precise type. */
export function byName<const T extends readonly { name: string }[]>(defs: T): { [D in T[number] as D['name']]: D } {
  const out: Record<string, T[number]> = {};
  for (const def of defs) {
    if (out[def.name]) throw new Error(`Duplicate IPC name ${def.name}`);
    out[def.name] = def;
  }
  return out as { [D in T[number] as D['name']]: D };
}
