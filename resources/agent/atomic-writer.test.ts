// The atomic writer: payload dirs, the ..data swap, per-entry links, cleanup of old dirs and stale links.
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AtomicWriter } from './atomic-writer';

const files = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v)]));
const payloadDirs = (dir: string) => readdirSync(dir).filter((e) => /^\.\.\d{4}_/.test(e));

it('writes through ..data, swaps on change, removes the old payload and links to entries that went away', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'agent-writer-')), 'out');
  const writer = new AtomicWriter(dir, { fileMode: 0o440 });
  expect(await writer.write(files({ 'db/password': 'one', 'old/key': 'x' }))).toBe(true);
  const first = readlinkSync(join(dir, '..data'));
  expect(first).toMatch(/^\.\.\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}\./);
  expect(readlinkSync(join(dir, 'db'))).toBe('..data/db');
  expect(readFileSync(join(dir, 'db', 'password'), 'utf8')).toBe('one');
  expect(statSync(join(dir, 'db', 'password')).mode & 0o777).toBe(0o440);

  expect(await writer.write(files({ 'db/password': 'one', 'old/key': 'x' }))).toBe(false);
  expect(readlinkSync(join(dir, '..data'))).toBe(first);

  expect(await writer.write(files({ 'db/password': 'two' }))).toBe(true);
  expect(readlinkSync(join(dir, '..data'))).not.toBe(first);
  expect(readFileSync(join(dir, 'db', 'password'), 'utf8')).toBe('two');
  expect(payloadDirs(dir)).toHaveLength(1);
  expect(() => lstatSync(join(dir, 'old'))).toThrow(/ENOENT/);
  expect(readdirSync(dir).sort()).toEqual(['..data', 'db', payloadDirs(dir)[0]].sort());
});

it.skipIf(process.getuid?.() !== 0)('gives the files the configured owner (needs root, as chown does)', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'agent-writer-')), 'out');
  await new AtomicWriter(dir, { fileMode: 0o400, owner: { uid: 1234, gid: 2345 } }).write(files({ 'db/k': 'v' }));
  const st = statSync(join(dir, 'db', 'k'));
  expect([st.uid, st.gid, st.mode & 0o777]).toEqual([1234, 2345, 0o400]);
});
