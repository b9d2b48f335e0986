// The OS keychain for real: gnome-keyring under a private D-Bus session, locked, and missing altogether.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD, CLI, hasGnomeKeyring, nodeCommand, runWithKeyring } from './keyring';
import { tempHomeForFile } from './temp-home';

type Line = {
  step: string;
  result: { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string; fix?: string } };
};

const tmp = tempHomeForFile();

function steps(mode: 'unlocked' | 'locked' | 'none', ...list: string[]): Map<string, Line['result']> {
  const run = runWithKeyring(mode, [nodeCommand(CHILD, [tmp.dataDir, ...list])], tmp.home);
  expect(run.status, run.stderr).toBe(0);
  return new Map((run.lines as Line[]).map((l) => [l.step, l.result]));
}

describe.skipIf(!hasGnomeKeyring())('OS keychain (gnome-keyring over D-Bus)', () => {
  it('an unlocked keyring: init wraps the key in it, and keychain unlock works after a lock', () => {
    const r = steps('unlocked', 'status', 'init:keychain', 'lock', 'unlock:keychain');
    expect(r.get('status')).toMatchObject({
      ok: true,
      value: { state: 'uninitialized', keychain: { available: true } },
    });
    expect(r.get('init:keychain')).toMatchObject({
      ok: true,
      value: { warnings: [], status: { wraps: { keychain: true, passphrase: true } } },
    });
    expect(r.get('unlock:keychain')).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    const keys = JSON.parse(fs.readFileSync(path.join(tmp.dataDir, 'keys.json'), 'utf8'));
    expect(keys.wraps.keychain.service).toBe('Strongroom');
  });

  it('the item is a real Secret Service item (secret-tool finds it) and the CLI unlocks through it with no passphrase', () => {
    const keys = JSON.parse(fs.readFileSync(path.join(tmp.dataDir, 'keys.json'), 'utf8'));
    const run = runWithKeyring(
      'unlocked',
      [
        `secret-tool search --all service Strongroom username ${keys.wraps.keychain.account} 2>&1 | grep -c '^label' || true`,
        `${nodeCommand(CLI, ['--data-dir', tmp.dataDir, 'audit', 'verify'])}`,
      ],
      tmp.home,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^1$/m);
    expect(run.stdout).toMatch(/audit log intact/);
  });

  it('a locked keyring: keychain unlock fails with keychain_unavailable and a plain fix; the passphrase still works', () => {
    const r = steps('locked', 'unlock:keychain', 'unlock:passphrase');
    expect(r.get('unlock:keychain')).toMatchObject({
      ok: false,
      error: { code: 'keychain_unavailable', message: expect.stringMatching(/locked/) },
    });
    expect(r.get('unlock:keychain')?.error?.fix).toMatch(/passphrase/);
    expect(r.get('unlock:passphrase')).toMatchObject({ ok: true, value: { state: 'unlocked' } });
  });

  it('no Secret Service at all: status says so, keychain unlock fails clearly, the passphrase works', () => {
    const r = steps('none', 'status', 'unlock:keychain', 'unlock:passphrase');
    expect(r.get('status')).toMatchObject({
      ok: true,
      value: { keychain: { available: false, reason: expect.stringMatching(/D-Bus/) } },
    });
    expect(r.get('unlock:keychain')).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
    expect(r.get('unlock:passphrase')).toMatchObject({ ok: true });
  });

  it('a new vault with no Secret Service is created passphrase-only with a keychain_unavailable warning', () => {
    const other = path.join(tmp.home, 'other');
    const run = runWithKeyring('none', [nodeCommand(CHILD, [other, 'init:keychain'])], tmp.home);
    expect(run.lines[0]).toMatchObject({
      result: {
        ok: true,
        value: { warnings: [{ code: 'keychain_unavailable' }], status: { wraps: { keychain: false } } },
      },
    });
  });

  it('turning the keychain off deletes the item from the keyring', () => {
    const r = steps('unlocked', 'unlock:passphrase', 'keychain:off');
    expect(r.get('keychain:off')).toMatchObject({ ok: true, value: { wraps: { keychain: false } } });
    const run = runWithKeyring(
      'unlocked',
      ['secret-tool search --all service Strongroom 2>&1 | grep -c "^label" || true'],
      tmp.home,
    );
    expect(run.stdout.trim()).toBe('0');
  });
});
