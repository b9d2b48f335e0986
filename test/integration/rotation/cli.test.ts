// The rotation CLI forms: resource add-postgres and account add read passwords from stdin only, --json, exit 0 or 1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliOk, cliRun } from '../sync/cli-child';

const PASS = 'rotation cli passphrase';
let dir: string;

const cli = (args: string[], stdin?: string) => cliRun(dir, PASS, args, stdin);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-rotation-cli-'));
  await cliOk(dir, PASS, ['init', '--no-keychain']);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('adds a PostgreSQL resource and an account from stdin, and never prints the passwords', async () => {
  const add = await cli(
    [
      '--json',
      'resource',
      'add-postgres',
      '--name',
      'orders-db',
      '--host',
      '127.0.0.1',
      '--port',
      '5432',
      '--admin-user',
      'postgres',
      '--admin-password-stdin',
      '--sslmode',
      'disable',
    ],
    'admin-Secret-pw\n',
  );
  expect(add.code).toBe(0);
  expect(JSON.parse(add.stdout)).toMatchObject({
    name: 'orders-db',
    type: 'PostgreSQL',
    port: 5432,
    tlsMode: 'disable',
    adminUser: 'postgres',
  });
  const account = await cli(['--json', 'account', 'add', 'orders-db', 'app', '--password-stdin'], 'app-Secret-pw');
  expect(account.code).toBe(0);
  expect(JSON.parse(account.stdout)).toMatchObject({ resource: 'orders-db', name: 'app' });
  const list = await cli(['--json', 'map', 'list', '--account', 'orders-db/app']);
  expect(list.code).toBe(0);
  expect(JSON.parse(list.stdout)).toEqual([]);
  for (const out of [add, account, list]) expect(out.stdout + out.stderr).not.toMatch(/Secret-pw/);
});

it('exits 1 with a fix for a duplicate name, an unknown account and a malformed key reference', async () => {
  const dup = await cli(
    [
      '--json',
      'resource',
      'add-postgres',
      '--name',
      'orders-db',
      '--host',
      'h',
      '--port',
      '1',
      '--admin-user',
      'a',
      '--admin-password-stdin',
    ],
    'pw',
  );
  expect(dup.code).toBe(1);
  expect(JSON.parse(dup.stdout)).toMatchObject({ ok: false, error: { code: 'already_exists' } });
  const missing = await cli(['--json', 'rotate', 'orders-db/nobody', '--dry-run']);
  expect(missing.code).toBe(1);
  expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  const bad = await cli(['--json', 'map', 'add', 'no-key-part', 'orders-db/app']);
  expect(bad.code).toBe(1);
  expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});

it('shows and changes a password policy, refusing an unknown class or a length out of range', async () => {
  const shown = await cli(['--json', 'resource', 'policy', 'orders-db']);
  expect(shown.code).toBe(0);
  expect(JSON.parse(shown.stdout)).toEqual({ length: 32, classes: ['lower', 'upper', 'digit'], excluded: '' });
  const set = await cli(['--json', 'resource', 'policy', 'orders-db', '--length', '40', '--classes', 'lower,symbol']);
  expect(set.code).toBe(0);
  expect(JSON.parse(set.stdout)).toEqual({ length: 40, classes: ['lower', 'symbol'], excluded: '' });
  const text = await cli(['resource', 'policy', 'orders-db', '--exclude', '"\'']);
  expect(text.stdout).toContain('orders-db: 40 characters of lower, symbol, excluding');
  const badClass = await cli(['--json', 'resource', 'policy', 'orders-db', '--classes', 'emoji']);
  expect(badClass.code).toBe(1);
  expect(JSON.parse(badClass.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  for (const length of ['4', '257', '3.5']) {
    const bad = await cli(['--json', 'resource', 'policy', 'orders-db', '--length', length]);
    expect(bad.code).toBe(1);
    const { error } = JSON.parse(bad.stdout) as { error: { code: string; message: string; fix?: string } };
    // The user's mistake with its fix, not a schema failure worded as a bug in the caller.
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('from 12 to 256') });
    expect(error.fix).toContain('--length 32');
  }
}, 240_000);

it('stores a rotation schedule, refuses a bad cron, and answers not_found for an unknown rotation id', async () => {
  const saved = await cli(['--json', 'rotation', 'schedule', 'orders-db/app', '--cron', '0 3 * * 0', '--no-restart']);
  expect(saved.code).toBe(0);
  expect(JSON.parse(saved.stdout)).toMatchObject({ cron: '0 3 * * 0', enabled: true, restart: false });
  const bad = await cli(['--json', 'rotation', 'schedule', 'orders-db/app', '--cron', 'sometimes']);
  expect(bad.code).toBe(1);
  expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  const list = await cli(['--json', 'rotation', 'list']);
  expect(list.code).toBe(0);
  expect(JSON.parse(list.stdout)).toEqual([]);
  const missing = await cli(['--json', 'rotation', 'resume', 'no-such-id']);
  expect(missing.code).toBe(1);
  expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  const off = await cli(['--json', 'rotation', 'schedule', 'orders-db/app', '--off']);
  expect(JSON.parse(off.stdout)).toBeNull();
}, 240_000);
