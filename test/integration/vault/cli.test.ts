// The strongroom CLI for the vault: init, status --json, audit verify/export, and clear failures, as child processes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './keyring';
import { tempHomeForFile } from './temp-home';

const PASS = 'cli test passphrase';
const tmp = tempHomeForFile();

function cli(args: string[], passphrase?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp.home };
  delete env.DBUS_SESSION_BUS_ADDRESS; // no keychain here: the passphrase path must carry everything
  delete env.STRONGROOM_PASSPHRASE;
  if (passphrase !== undefined) env.STRONGROOM_PASSPHRASE = passphrase;
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--data-dir', tmp.dataDir, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    input: '',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('strongroom vault commands', () => {
  it('fails clearly when there is no vault', () => {
    const r = cli(['audit', 'verify'], PASS);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no vault in .*\nfix: Create one with `strongroom init`/i);
  });

  it('init --no-keychain takes the passphrase from STRONGROOM_PASSPHRASE, never from an argument', () => {
    expect(cli(['init', '--no-keychain', '--passphrase', PASS]).code).toBe(2);
    const r = cli(['init', '--no-keychain'], PASS);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Vault created in .*\nunlocks with: passphrase/);
    expect(cli(['init', '--no-keychain'], PASS)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/already a vault/),
    });
  });

  it('refuses to prompt without a terminal and says how to automate', () => {
    const r = cli(['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no terminal.*\nfix: .*STRONGROOM_PASSPHRASE/s);
  });

  it('status --json reports the vault without unlocking it', () => {
    const r = cli(['status', '--json']);
    expect(JSON.parse(r.out)).toMatchObject({
      state: 'locked',
      dataDir: tmp.dataDir,
      wraps: { passphrase: true, keychain: false },
      keychain: { available: false },
    });
  });

  it('a wrong passphrase fails with a clear message and is counted', () => {
    const r = cli(['audit', 'verify'], 'definitely wrong');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/That passphrase is not right/);
    expect(JSON.parse(cli(['status', '--json']).out).failedAttempts).toBe(1);
  });

  it('audit verify and export work after unlocking, and the failed attempt is in the log', () => {
    expect(cli(['audit', 'verify'], PASS)).toMatchObject({ code: 0, out: expect.stringMatching(/audit log intact/) });
    const file = path.join(tmp.home, 'audit.csv');
    expect(cli(['audit', 'export', '--format', 'csv', '-o', file], PASS).code).toBe(0);
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.split('\n')[0]).toBe('seq,time,actor,action,target,outcome,source,details,prev,hash');
    expect(csv).toMatch(/vault\.unlock,vault,wrong_passphrase/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(cli(['audit', 'export', '--format', 'xml', '-o', file], PASS).code).toBe(2);
  });

  it('audit list and audit export take the same filters; export writes only what they pick', () => {
    const failed = cli(['audit', 'list', '--outcome', 'failed', '--json'], PASS);
    expect(failed.code, failed.err).toBe(0);
    const page = JSON.parse(failed.out) as { events: { seq: number; outcome: string }[]; total: number };
    expect(page.total).toBeGreaterThan(0);
    expect(page.events.every((e) => e.outcome !== 'ok')).toBe(true);
    const file = path.join(tmp.home, 'failed.jsonl');
    const r = cli(['audit', 'export', '--outcome', 'failed', '--from', '2000-01-01', '-o', file], PASS);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/wrote \d+ matching events/);
    const written = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(written.length).toBe(page.total);
    expect(written.every((line) => (JSON.parse(line) as { outcome: string }).outcome !== 'ok')).toBe(true);
    expect(cli(['audit', 'export', '--from', 'last tuesday', '-o', file], PASS)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/--from "last tuesday" is not a date or time\.\nfix: /),
    });
  });
});
