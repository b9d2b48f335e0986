// Nothing about a secret reaches the disk in clear: plant names and values, crash a writer with SIGKILL, scan every file.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { ROOT } from './keyring';

const PLANT_NAME = `plantedname${crypto.randomBytes(6).toString('hex')}`;
const PLANT_VALUE = `PlantedValue${crypto.randomBytes(8).toString('hex')}`;
const PASS = `plant pass ${crypto.randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-plant-'));
const env = { ...process.env, PLANT_NAME, PLANT_VALUE, TEST_VAULT_PASSPHRASE: PASS };
const child = path.join(ROOT, 'test/integration/vault/plant-child.ts');

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Every byte pattern that would betray a planted name or value. */
const needles = [PLANT_NAME, PLANT_VALUE, PASS].flatMap((s) => [
  Buffer.from(s),
  Buffer.from(Buffer.from(s).toString('base64').replace(/=+$/, '')),
  Buffer.from(Buffer.from(s).toString('hex')),
  Buffer.from(s, 'utf16le'),
]);

function* files(dir: string, depth = 0): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // another user's or a vanished directory
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth < 8 && e.name !== 'node_modules') yield* files(p, depth + 1);
    else if (e.isFile()) yield p;
  }
}

function scan(dirs: string[]): { scanned: number; hits: string[] } {
  let scanned = 0;
  const hits: string[] = [];
  for (const dir of dirs) {
    for (const file of files(dir)) {
      let data: Buffer;
      try {
        if (fs.statSync(file).size > 256 * 1024 * 1024) continue;
        data = fs.readFileSync(file);
      } catch {
        continue;
      }
      scanned++;
      if (needles.some((n) => data.includes(n))) hits.push(file);
    }
  }
  return { scanned, hits };
}

it('the scan finds a planted value written in clear (base64 included)', () => {
  const canary = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-canary-'));
  fs.writeFileSync(path.join(canary, 'leak'), `x${Buffer.from(PLANT_VALUE).toString('base64')}y`);
  try {
    expect(scan([canary]).hits).toHaveLength(1);
  } finally {
    fs.rmSync(canary, { recursive: true, force: true });
  }
});

it('plants names and values, checkpointed and not, SIGKILLs a writer mid-write, and no file holds them in clear', async () => {
  const seed = spawnSync(process.execPath, ['--import', 'tsx', child, dataDir, 'seed'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  expect(seed.stdout, seed.stderr).toContain('seeded');

  const writer = spawn(process.execPath, ['--import', 'tsx', child, dataDir, 'forever'], { cwd: ROOT, env });
  let committed = 0;
  let stderr = '';
  writer.stderr.on('data', (d) => {
    stderr += d;
  });
  await new Promise<void>((resolve, reject) => {
    writer.stdout.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/committed (\d+)/g)) committed = Number(m[1]);
      if (committed >= 2000) {
        writer.kill('SIGKILL');
        resolve();
      }
    });
    writer.on('exit', (code) => (code === null ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
  await new Promise((r) => writer.once('close', r));
  expect(fs.existsSync(path.join(dataDir, 'vault.db-wal')), 'the crash left a WAL behind').toBe(true);

  const { scanned, hits } = scan([dataDir, os.tmpdir()]);
  expect(scanned).toBeGreaterThan(3);
  expect(hits).toEqual([]);

  const app = await createApp({ dataDir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  const unlocked = await app.call('vault:unlock', { method: 'passphrase', passphrase: PASS });
  expect(unlocked.ok).toBe(true);
  const rows = app.vault.db().prepare('SELECT count(*) FROM planted').pluck().get() as number;
  expect(rows).toBeGreaterThanOrEqual(committed);
  expect(app.vault.db().prepare('SELECT value FROM planted WHERE name = ?').pluck().get(`${PLANT_NAME}-77`)).toBe(
    `${PLANT_VALUE}-77`,
  );
  const verify = await app.call('audit:verify', {});
  expect(verify).toMatchObject({ ok: true, value: { ok: true } });
  await app.close();
  expect(scan([dataDir]).hits).toEqual([]);
});

it('SIGKILLs a writer in rollback-journal mode (a cluster-wide fetch) mid-transaction: the journal holds nothing in clear', async () => {
  const writer = spawn(process.execPath, ['--import', 'tsx', child, dataDir, 'rollback'], { cwd: ROOT, env });
  let committed = 0;
  let stderr = '';
  writer.stderr.on('data', (d) => {
    stderr += d;
  });
  const journal = path.join(dataDir, 'vault.db-journal');
  let journalSeen = false;
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      // Killed while a transaction holds its journal: the crash leaves it hot for the next open to roll back.
      if (committed >= 3 && fs.existsSync(journal)) {
        journalSeen = true;
        writer.kill('SIGKILL');
        clearInterval(poll);
        resolve();
      }
    }, 1);
    writer.stdout.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/committed (\d+)/g)) committed = Number(m[1]);
    });
    writer.on('exit', (code) => {
      clearInterval(poll);
      if (code !== null) reject(new Error(`writer exited ${code}: ${stderr}`));
      else resolve();
    });
  });
  await new Promise((r) => writer.once('close', r));
  expect(journalSeen).toBe(true);
  const { hits } = scan([dataDir, os.tmpdir()]);
  expect(hits).toEqual([]);

  const app = await createApp({ dataDir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  const unlocked = await app.call('vault:unlock', { method: 'passphrase', passphrase: PASS });
  expect(unlocked.ok).toBe(true);
  expect(app.vault.db().pragma('main.journal_mode', { simple: true })).toBe('wal');
  const rows = app.vault.db().prepare('SELECT count(*) FROM planted').pluck().get() as number;
  expect(rows).toBeGreaterThanOrEqual(committed);
  expect(rows % 200).toBe(committed % 200); // whole transactions only
  await app.close();
  expect(scan([dataDir]).hits).toEqual([]);
}, 120_000);
