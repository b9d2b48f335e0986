// Every channel of the contract refuses malformed payloads with invalid_input before any handler runs.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { channelList } from '../../shared/ipc';
import { silentLogger } from '../log';
import { createDispatcher, type Handlers } from './dispatch';

const GARBAGE: unknown[] = [
  undefined,
  null,
  0,
  -1,
  Number.NaN,
  'a string',
  '',
  true,
  [],
  [1, 2, 3],
  { unexpected: 'field' },
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { a: { b: { c: { d: { e: 'deep' } } } } },
  'x'.repeat(10_000),
];

const WRONG_VALUES: unknown[] = [null, 42, 'text', true, [], {}, -5, 'x'.repeat(5000)];

/** Payloads built from the schema's own shape: each field in turn set to something of the wrong kind. */
function shapeMutations(schema: z.ZodType): unknown[] {
  const out: unknown[] = [];
  if (schema instanceof z.ZodObject) {
    const keys = Object.keys(schema.shape);
    for (const key of keys) for (const value of WRONG_VALUES) out.push({ [key]: value });
  }
  return out;
}

function recordingHandlers(calls: string[]): Handlers {
  return new Proxy({} as Handlers, {
    get: (_target, name: string) => () => {
      calls.push(name);
      return null;
    },
  });
}

describe('dispatcher input validation', () => {
  const calls: string[] = [];
  const dispatch = createDispatcher({
    handlers: recordingHandlers(calls),
    isUnlocked: () => true,
    log: silentLogger(),
  });

  for (const def of channelList) {
    it(`refuses malformed payloads for ${def.name} without calling its handler`, async () => {
      let refused = 0;
      for (const payload of [...GARBAGE, ...shapeMutations(def.input)]) {
        if (def.input.safeParse(payload).success) continue;
        calls.length = 0;
        const result = await dispatch(def.name, payload, { transport: 'test' });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('invalid_input');
        expect(calls).toEqual([]);
        refused += 1;
      }
      expect(refused).toBeGreaterThanOrEqual(10);
    });
  }

  it('refuses an unknown channel and prototype keys as names', async () => {
    for (const name of ['nope:nothing', '__proto__', 'constructor', 'toString']) {
      const result = await dispatch(name, {}, { transport: 'test' });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(calls).toEqual([]);
  });

  it('never echoes the offending value in the error message', async () => {
    const secret = 'planted-secret-value-987';
    for (const def of channelList) {
      for (const payload of [secret, { [Object.keys((def.input as z.ZodObject).shape ?? {})[0] ?? 'x']: { secret } }]) {
        const result = await dispatch(def.name, payload, { transport: 'test' });
        if (!result.ok) expect(JSON.stringify(result.error)).not.toContain(secret);
      }
    }
  });
});

describe('dispatcher results', () => {
  const base = { isUnlocked: () => true, log: silentLogger() };

  it('answers vault_locked for unlocked-only channels while locked, and lets public ones through', async () => {
    const calls: string[] = [];
    const dispatch = createDispatcher({ ...base, handlers: recordingHandlers(calls), isUnlocked: () => false });
    const guarded = channelList.find((c) => c.access === 'unlocked');
    if (guarded) {
      const payload = guarded.input.safeParse({}).success ? {} : undefined;
      if (payload) {
        const result = await dispatch(guarded.name, payload, { transport: 'test' });
        expect(result).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
      }
    }
    const result = await dispatch('app:info', {}, { transport: 'test' });
    expect(result.ok).toBe(true);
  });

  it('turns an AppError into { code, message, fix } and a bug into a generic internal error', async () => {
    const handlers = new Proxy({} as Handlers, {
      get: () => () => {
        throw new AppError('not_found', 'No such cluster.', 'Pick one from the list.');
      },
    });
    const dispatch = createDispatcher({ ...base, handlers });
    await expect(dispatch('app:info', {}, { transport: 'test' })).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such cluster.', fix: 'Pick one from the list.' },
    });
    const buggy = createDispatcher({
      ...base,
      handlers: new Proxy({} as Handlers, {
        get: () => () => {
          throw new TypeError('token=abc123 blew up');
        },
      }),
    });
    const result = await buggy('app:info', {}, { transport: 'test' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('abc123');
  });
});
