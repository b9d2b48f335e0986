// The CLI as scripts and new users meet it: whole piped output, user errors with a fix (exit 1), escaped names, init safety.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import type { AccountRow } from '../../../src/shared/ipc/resources';
import type { OfflineReview } from '../../../src/shared/ipc/transfer';

const PASS = 'hygiene test passphrase';
const SECRETS = 1500;
/** Each run starts the CLI from source on a loaded machine: allow minutes, not seconds. */
const SLOW = 300_000;
/** A raw NUL or ESC, which must never reach the terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw controls
const RAW_CONTROL = /[\u0000\u001b]/;
const EVIL_NAME = 'evil\u001b[2J\u0000name';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `strongroom` as users do, with stdout and stderr on pipes, and waits for it to end on its own. */
function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const child = spawn(process.execPath, ['bin/strongroom.mjs', ...args], {
    env: { ...process.env, STRONGROOM_PASSPHRASE: PASS, ...options.env },
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

function secret(namespace: string, name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, labels: { app: name.slice(0, 40) } },
    type: 'Opaque',
    data: { username: Buffer.from('admin').toString('base64'), password: Buffer.from(name).toString('base64') },
  };
}

let tmp: string;
let dataDir: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-hygiene-'));
  dataDir = path.join(tmp, 'data');
  const app = await createApp({ dataDir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  try {
    const init = await app.call('vault:init', { passphrase: PASS, useKeychain: false });
    if (!init.ok) throw new Error(init.error.message);
    const items = Array.from({ length: SECRETS }, (_, i) => secret(`team-${i % 10}`, `service-credentials-${i}`));
    items.push(secret('team-0', EVIL_NAME));
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    const opened = await app.call('transfer:openOffline', {
      fileName: 'bulk.json',
      content: { encoding: 'text', text },
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const sessionId = (opened.value as OfflineReview).sessionId;
    const imported = await app.call('transfer:importOffline', { sessionId, name: 'bulk' });
    if (!imported.ok) throw new Error(imported.error.message);
  } finally {
    await app.close();
  }
}, 180_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('piped output', () => {
  it(
    'resources list --json through a pipe is whole and parses (far beyond 64 KiB)',
    async () => {
      const r = await cli(['--data-dir', dataDir, '--json', 'resources', 'list']);
      expect(r.code, r.err).toBe(0);
      expect(Buffer.byteLength(r.out)).toBeGreaterThan(65_536);
      const rows = JSON.parse(r.out) as AccountRow[];
      expect(rows).toHaveLength(SECRETS + 1);
      expect(rows.map((row) => row.name)).toContain(EVIL_NAME);
    },
    SLOW,
  );

  it(
    'the text listing through a pipe has every row, and escapes control characters in names',
    async () => {
      const r = await cli(['--data-dir', dataDir, 'resources', 'list']);
      expect(r.code, r.err).toBe(0);
      expect(r.out.trimEnd().split('\n')).toHaveLength(SECRETS + 2);
      expect(r.out).not.toMatch(RAW_CONTROL);
      expect(r.out).toContain('evil\\x1b[2J\\x00name');
    },
    SLOW,
  );
});

describe('user errors', () => {
  it(
    'review refuses a file above the documented 64 MiB limit, with a fix, exit 1',
    async () => {
      const big = path.join(tmp, 'big.json');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, 100 * 1024 * 1024);
      const r = await cli(['--data-dir', dataDir, 'review', big]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/100\.0 MiB.*64 MiB/);
      expect(r.err).toMatch(/\nfix: /);
      expect(r.err).not.toMatch(/bug in the caller/);
    },
    SLOW,
  );

  it(
    'review names the file, escaped, when it has control characters',
    async () => {
      const file = path.join(tmp, 'one.json');
      fs.writeFileSync(file, JSON.stringify(secret('default', EVIL_NAME)));
      const r = await cli(['--data-dir', dataDir, 'review', file]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('evil\\x1b[2J\\x00name');
      expect(r.out).not.toMatch(RAW_CONTROL);
    },
    SLOW,
  );

  it(
    'export -o refuses to replace an existing file without --force (exit 1), and replaces it with --force',
    async () => {
      const from = path.join(tmp, 'source.json');
      fs.writeFileSync(from, JSON.stringify(secret('default', 'db-creds')));
      const out = path.join(tmp, '.bashrc');
      fs.writeFileSync(out, 'alias ll="ls -l"\n');
      const refused = await cli(['--data-dir', dataDir, 'export', '--from', from, '-o', out]);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/already exists.*\nfix: .*--force/s);
      expect(fs.readFileSync(out, 'utf8')).toBe('alias ll="ls -l"\n');
      const forced = await cli(['--data-dir', dataDir, 'export', '--from', from, '-o', out, '--force']);
      expect(forced.code, forced.err).toBe(0);
      expect(JSON.parse(fs.readFileSync(out, 'utf8')).metadata.name).toBe('db-creds');
    },
    SLOW,
  );

  const add = (ca: string, extra: string[] = []) => [
    '--data-dir',
    dataDir,
    'cluster',
    'add',
    '--name',
    'c1',
    '--server',
    'https://127.0.0.1:1',
    '--ca',
    ca,
    '--token-stdin',
    ...extra,
  ];

  it(
    'cluster add: a missing CA file, a 50 MB CA file, an empty token and --timeout abc are user errors, exit 1',
    async () => {
      const ca = path.join(tmp, 'ca.pem');
      fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
      const hugeCa = path.join(tmp, 'huge-ca.pem');
      fs.writeFileSync(hugeCa, '');
      fs.truncateSync(hugeCa, 50 * 1024 * 1024);
      const runs = {
        missing: await cli(add(path.join(tmp, 'nope.pem')), { input: 'token' }),
        huge: await cli(add(hugeCa), { input: 'token' }),
        empty: await cli(add(ca), { input: '  \n' }),
        timeout: await cli(add(ca, ['--timeout', 'abc']), { input: 'token' }),
      };
      for (const [what, r] of Object.entries(runs)) {
        expect(r.code, `${what}: ${r.err}`).toBe(1);
        expect(r.err, what).toMatch(/^error: .+\nfix: .+/);
        expect(r.err, what).not.toMatch(/bug in the caller|ENOENT/);
      }
      expect(runs.missing.err).toMatch(/There is no file .*nope\.pem/);
      expect(runs.huge.err).toMatch(/50\.0 MiB/);
      expect(runs.empty.err).toMatch(/token .*empty/i);
      expect(runs.timeout.err).toMatch(/--timeout/);
    },
    SLOW,
  );
});

describe('init', () => {
  it(
    'makes an existing 0755 data directory 0700',
    async () => {
      const dir = path.join(tmp, 'open-dir');
      fs.mkdirSync(dir, { mode: 0o755 });
      fs.chmodSync(dir, 0o755);
      const r = await cli(['--data-dir', dir, 'init', '--no-keychain']);
      expect(r.code, r.err).toBe(0);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    },
    SLOW,
  );

  it(
    'detects an interrupted init (vault.db without keys.json) and starts over only when asked, keeping the old file',
    async () => {
      const dir = path.join(tmp, 'interrupted');
      fs.mkdirSync(dir, { mode: 0o700 });
      fs.writeFileSync(path.join(dir, 'vault.db'), 'half-created');
      const first = await cli(['--data-dir', dir, 'init', '--no-keychain']);
      expect(first.code).toBe(1);
      expect(first.err).toMatch(/interrupted/);
      expect(first.err).toMatch(/fix: .*--start-over/);
      expect(fs.readFileSync(path.join(dir, 'vault.db'), 'utf8')).toBe('half-created');

      const again = await cli(['--data-dir', dir, 'init', '--no-keychain', '--start-over']);
      expect(again.code, again.err).toBe(0);
      const kept = fs.readdirSync(dir).filter((f) => f.startsWith('vault.db.interrupted-'));
      expect(kept).toHaveLength(1);
      expect(fs.readFileSync(path.join(dir, kept[0] as string), 'utf8')).toBe('half-created');
      expect(fs.existsSync(path.join(dir, 'keys.json'))).toBe(true);

      const complete = await cli(['--data-dir', dir, 'init', '--no-keychain', '--start-over']);
      expect(complete.code).toBe(1);
      expect(complete.err).toMatch(/already a vault/);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('vault.db.interrupted-'))).toHaveLength(1);
    },
    SLOW,
  );
});
