// The vault and audit channels through app.call: public vs locked channels, payload validation, events, audit trail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app';
import { FakeClock } from '../../../src/main/clock';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { channelNames, channels } from '../../../src/shared/ipc';
import { valueCall } from '../../support/app-call';

const PASS = 'ipc test passphrase';
let dir: string;
let app: App;
let clock: FakeClock;
let keyStore: MemoryKeyStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-ipc-'));
  clock = new FakeClock();
  keyStore = new MemoryKeyStore();
  app = await createApp({ dataDir: dir, shell: 'test', clock, log: silentLogger(), keyStore });
});
afterEach(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const value = valueCall(() => app);

describe('vault channels', () => {
  it('answers vault_locked on every unlocked-only channel while locked, and serves the public ones', async () => {
    await value('vault:init', { passphrase: PASS, useKeychain: true });
    await value('vault:lock', {});
    const locked = channelNames.filter((n) => channels[n as keyof typeof channels].access === 'unlocked');
    expect(locked).toEqual(expect.arrayContaining(['audit:list', 'audit:verify', 'vault:setAutoLock']));
    // Other domains' channels get an empty payload, which may fail validation first; none may succeed.
    for (const name of locked) {
      const r = await app.dispatch(name, {}, { transport: 'test' });
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(['vault_locked', 'invalid_input'], name).toContain(r.error.code);
    }
    const valid: [string, unknown][] = [
      ['vault:changePassphrase', { current: PASS, next: 'another passphrase' }],
      ['vault:setKeychain', { enabled: false }],
      ['vault:setAutoLock', { minutes: 3 }],
      ['audit:list', {}],
      ['audit:facets', {}],
      ['audit:verify', {}],
      ['audit:export', { format: 'csv', path: path.join(dir, 'x.csv') }],
    ];
    for (const [name, payload] of valid) {
      expect(await app.dispatch(name, payload, { transport: 'test' }), name).toMatchObject({
        ok: false,
        error: { code: 'vault_locked' },
      });
    }
    expect(fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);
    await expect(value('vault:status', {})).resolves.toMatchObject({
      state: 'locked',
      wraps: { passphrase: true, keychain: true },
    });
  });

  it('rejects invalid payloads without acting on them', async () => {
    expect(await app.dispatch('vault:init', { useKeychain: false }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await app.dispatch('vault:unlock', { method: 'passphrase' }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await app.dispatch('vault:unlock', { method: 'magic' }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await app.dispatch('vault:init', { passphrase: PASS, useKeychain: false, extra: 1 }, { transport: 'test' }),
    ).toMatchObject({
      ok: false,
    });
    expect(fs.existsSync(path.join(dir, 'keys.json'))).toBe(false);
    await value('vault:init', { passphrase: PASS, useKeychain: false });
    expect(await app.call('vault:setAutoLock', { minutes: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await app.call('audit:export', { format: 'csv', path: 'relative.csv' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('goes through first run, lock, wrong passphrase, unlock and idle auto-lock, emitting events and auditing each step', async () => {
    const seen: string[] = [];
    app.events.subscribe((name, payload) => seen.push(`${name}:${JSON.stringify(payload)}`));
    await value('vault:init', { passphrase: PASS, useKeychain: false });
    await value('vault:lock', {});
    const wrong = await app.call('vault:unlock', { method: 'passphrase', passphrase: 'not it at all' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'wrong_passphrase', message: expect.stringMatching(/passphrase/) },
    });
    await expect(value('vault:status', {})).resolves.toMatchObject({ failedAttempts: 1 });
    await value('vault:unlock', { method: 'passphrase', passphrase: PASS });
    await value('vault:setAutoLock', { minutes: 5 });
    clock.advance(5 * 60_000);
    await expect(value('vault:status', {})).resolves.toMatchObject({ state: 'locked', autoLockMinutes: 5 });
    expect(seen).toEqual([
      'vault:unlocked:{"method":"passphrase"}',
      'vault:locked:{"reason":"manual"}',
      'vault:unlocked:{"method":"passphrase"}',
      'vault:locked:{"reason":"idle"}',
    ]);
    await value('vault:unlock', { method: 'passphrase', passphrase: PASS });
    const page = await value('audit:list', {});
    expect(page.events.reverse().map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'vault.init:ok',
      'vault.lock:ok',
      'vault.unlock:wrong_passphrase',
      'vault.unlock:ok',
      'vault.set_auto_lock:ok',
      'vault.lock:ok',
      'vault.unlock:ok',
    ]);
    await expect(value('audit:verify', {})).resolves.toMatchObject({ ok: true, checked: 7, head: { seq: 7 } });
    const exported = await value('audit:export', {
      format: 'jsonl',
      path: path.join(dir, 'audit.jsonl'),
    });
    expect(exported.count).toBe(8); // the verify above is an event too
    expect(fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8')).not.toContain(PASS);
    // overwrite: false (the CLI without --force) leaves an existing file as it is, even one made after any check.
    fs.writeFileSync(path.join(dir, 'kept.jsonl'), 'kept');
    expect(
      await app.call('audit:export', { format: 'jsonl', path: path.join(dir, 'kept.jsonl'), overwrite: false }),
    ).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    expect(fs.readFileSync(path.join(dir, 'kept.jsonl'), 'utf8')).toBe('kept');
  });

  it('answers rate_limited with the wait after five wrong passphrases', async () => {
    await value('vault:init', { passphrase: PASS, useKeychain: false });
    await value('vault:lock', {});
    for (let i = 0; i < 5; i++) await app.call('vault:unlock', { method: 'passphrase', passphrase: `nope nope ${i}` });
    const r = await app.call('vault:unlock', { method: 'passphrase', passphrase: PASS });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', message: expect.stringMatching(/5 seconds/) },
    });
    await expect(value('vault:status', {})).resolves.toMatchObject({ failedAttempts: 5, retryAfterMs: 5000 });
  });

  it('changes the passphrase and keychain wrap through the channels', async () => {
    await value('vault:init', { passphrase: PASS, useKeychain: false });
    await expect(value('vault:setKeychain', { enabled: true })).resolves.toMatchObject({ wraps: { keychain: true } });
    expect(await app.call('vault:changePassphrase', { next: 'brand new passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await value('vault:changePassphrase', { current: PASS, next: 'brand new passphrase' });
    await value('vault:lock', {});
    await value('vault:unlock', { method: 'keychain' });
    await value('vault:lock', {});
    await expect(
      value('vault:unlock', { method: 'passphrase', passphrase: 'brand new passphrase' }),
    ).resolves.toMatchObject({ state: 'unlocked' });
  });

  it('reports a missing keychain in status and at init, and the passphrase still works', async () => {
    keyStore.failure = 'no D-Bus session (no Secret Service)';
    await expect(value('vault:status', {})).resolves.toMatchObject({
      state: 'uninitialized',
      keychain: { available: false },
    });
    const r = await value('vault:init', { passphrase: PASS, useKeychain: true });
    expect(r.warnings.map((w) => w.code)).toEqual(['keychain_unavailable']);
    await value('vault:lock', {});
    expect(await app.call('vault:unlock', { method: 'keychain' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    await expect(value('vault:unlock', { method: 'passphrase', passphrase: PASS })).resolves.toMatchObject({
      state: 'unlocked',
    });
  });
});
