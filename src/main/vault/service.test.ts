// VaultService: first run, unlock both ways, lock and auto-lock, back-off, and re-wrapping without touching the DB.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import { looksUnencrypted } from './db';

const PASS = 'correct horse battery';
let f: VaultFixture;

beforeEach(() => {
  f = vaultFixture();
});
afterEach(() => f.dispose());

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

describe('VaultService', () => {
  it('reports uninitialized, then creates an encrypted vault that is unlocked', async () => {
    expect(f.vault.status().state).toBe('uninitialized');
    const { status, warnings } = await f.vault.init({ passphrase: PASS, useKeychain: true });
    expect(warnings).toEqual([]);
    expect(status).toMatchObject({
      state: 'unlocked',
      wraps: { passphrase: true, keychain: true },
      autoLockMinutes: 15,
    });
    expect(looksUnencrypted(path.join(f.dir, 'vault.db'))).toBe(false);
    expect(fs.statSync(path.join(f.dir, 'keys.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses a second init and keeps the first vault', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: false });
    await expect(f.vault.init({ passphrase: 'another passphrase', useKeychain: false })).rejects.toMatchObject({
      code: 'already_exists',
    });
  });

  it('creates a passphrase-only vault with a warning when the keychain is unavailable', async () => {
    f.keyStore.failure = 'no D-Bus session';
    const { status, warnings } = await f.vault.init({ passphrase: PASS, useKeychain: true });
    expect(status.wraps).toEqual({ passphrase: true, keychain: false });
    expect(warnings[0]?.code).toBe('keychain_unavailable');
  });

  it('fails init with keychain_unavailable when the keychain was the only wrap asked for', async () => {
    f.keyStore.failure = 'it is locked';
    await expect(f.vault.init({ useKeychain: true })).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(fs.existsSync(path.join(f.dir, 'keys.json'))).toBe(false);
  });

  it('locks (closing the DB, zeroing the key) and unlocks with the passphrase or the keychain', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: true });
    f.vault.db().exec('CREATE TABLE t (x TEXT); INSERT INTO t VALUES (1)');
    const db = f.vault.db();
    expect(f.vault.lock('manual').state).toBe('locked');
    expect(db.open).toBe(false);
    expect(() => f.vault.db()).toThrow(expect.objectContaining({ code: 'vault_locked' }));
    await f.vault.unlock({ method: 'keychain' });
    expect(f.vault.db().prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
    f.vault.lock('manual');
    await f.vault.unlock({ method: 'passphrase', passphrase: PASS });
    expect(f.vault.isUnlocked).toBe(true);
  });

  it('answers wrong_passphrase, then rate_limited after five failures, and keeps counting across restarts', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: false });
    f.vault.lock('manual');
    for (let i = 0; i < 5; i++) {
      await expect(f.vault.unlock({ method: 'passphrase', passphrase: `wrong ${i} xxxx` })).rejects.toMatchObject({
        code: 'wrong_passphrase',
      });
    }
    const restarted = f.reopen().vault;
    expect(restarted.status()).toMatchObject({ failedAttempts: 5, retryAfterMs: 5000 });
    await expect(restarted.unlock({ method: 'passphrase', passphrase: PASS })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    f.clock.advance(5000);
    await restarted.unlock({ method: 'passphrase', passphrase: PASS });
    expect(restarted.status()).toMatchObject({ state: 'unlocked', failedAttempts: 0, retryAfterMs: 0 });
  });

  it('keeps the back-off when keys.json is edited back to zero failures, as the keychain holds the count too', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: false });
    f.vault.lock('manual');
    for (let i = 0; i < 6; i++) {
      await expect(f.vault.unlock({ method: 'passphrase', passphrase: `wrong ${i} xxxx` })).rejects.toMatchObject({
        code: 'wrong_passphrase',
      });
      f.clock.advance(5000);
    }
    f.vault.keyFile.update((d) => ({ ...d, failures: { count: 0, lastAt: 0 }, auditJournal: [] }));
    const restarted = f.reopen().vault;
    expect(restarted.status()).toMatchObject({ failedAttempts: 6, retryAfterMs: 5000 });
    await expect(restarted.unlock({ method: 'passphrase', passphrase: PASS })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    f.clock.advance(5000);
    await restarted.unlock({ method: 'passphrase', passphrase: PASS });
    restarted.lock('manual');
    expect(restarted.status()).toMatchObject({ failedAttempts: 0, retryAfterMs: 0 });
  }, 60_000);

  it('counts failures in keys.json alone when the keychain cannot be used', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: false });
    f.vault.lock('manual');
    f.keyStore.failure = 'no Secret Service';
    await expect(f.vault.unlock({ method: 'passphrase', passphrase: 'wrong one xxxx' })).rejects.toMatchObject({
      code: 'wrong_passphrase',
    });
    expect(f.vault.status()).toMatchObject({ failedAttempts: 1 });
    expect(f.keyStore.items.size).toBe(0);
  });

  it('auto-locks after the idle time, and activity postpones it', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: false });
    f.clock.advance(14 * 60_000);
    f.vault.touch('secrets:list');
    f.clock.advance(14 * 60_000);
    f.vault.touch('vault:status'); // polling the status is not activity
    expect(f.vault.isUnlocked).toBe(true);
    f.clock.advance(60_000);
    expect(f.vault.isUnlocked).toBe(false);
  });

  it('persists the auto-lock time and applies it at once', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: false });
    f.vault.setAutoLock(2);
    expect(f.reopen().vault.status().autoLockMinutes).toBe(2);
    f.clock.advance(2 * 60_000);
    expect(f.vault.isUnlocked).toBe(false);
  });

  it('changes the passphrase and toggles the keychain wrap without rewriting vault.db', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: false });
    f.vault.db().exec('CREATE TABLE t (x TEXT)');
    f.vault.db().pragma('wal_checkpoint(TRUNCATE)');
    const before = sha(path.join(f.dir, 'vault.db'));
    await expect(
      f.vault.changePassphrase({ current: 'not the passphrase', next: 'new passphrase!' }),
    ).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await f.vault.changePassphrase({ current: PASS, next: 'new passphrase!' });
    f.vault.setKeychain(true);
    await f.vault.changePassphrase({ current: 'new passphrase!', next: null });
    expect(f.vault.status().wraps).toEqual({ passphrase: false, keychain: true });
    expect(() => f.vault.setKeychain(false)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(sha(path.join(f.dir, 'vault.db'))).toBe(before);
    expect(fs.statSync(path.join(f.dir, 'vault.db-wal')).size).toBe(0);
    f.vault.lock('manual');
    await f.vault.unlock({ method: 'keychain' });
    expect(f.vault.isUnlocked).toBe(true);
  });

  it('turning the keychain off removes its item, and keychain unlock then fails clearly', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: true });
    f.vault.setKeychain(false);
    expect(f.keyStore.items.size).toBe(0);
    f.vault.lock('manual');
    await expect(f.vault.unlock({ method: 'keychain' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reports a missing keychain item as keychain_unavailable and the passphrase still works', async () => {
    await f.vault.init({ passphrase: PASS, useKeychain: true });
    f.vault.lock('manual');
    f.keyStore.items.clear();
    await expect(f.vault.unlock({ method: 'keychain' })).rejects.toMatchObject({ code: 'keychain_unavailable' });
    f.keyStore.failure = 'it is locked';
    await expect(f.vault.unlock({ method: 'keychain' })).rejects.toMatchObject({ code: 'keychain_unavailable' });
    await f.vault.unlock({ method: 'passphrase', passphrase: PASS });
    expect(f.vault.isUnlocked).toBe(true);
  });
});
