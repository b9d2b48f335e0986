// Export destinations through the channels: main decides (dialog, download), no relative paths, no silent replacement.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import type { ResourceSummary } from '../../../src/shared/ipc/resources';
import type { ExportResult, OfflineImportResult, OfflineReview } from '../../../src/shared/ipc/transfer';

const PASSPHRASE = 'correct horse battery staple';
const SECRET = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db-creds', namespace: 'prod' },
  data: { password: Buffer.from('hunter2\n').toString('base64') },
};

let app: App;
let dir: string;
let sessionId: string;
let resourceId: number;
/** What the fake save dialog answers next; undefined is a cancel. */
let dialogAnswer: string | undefined;
const dialogAsked: string[] = [];

async function value<T>(name: string, payload: unknown, transport: 'test' | 'electron' | 'harness' = 'test') {
  const r = await app.dispatch(name, payload, { transport });
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-export-dest-'));
  app = await createApp({
    dataDir: path.join(dir, 'data'),
    shell: 'test',
    log: silentLogger(),
    keyStore: new MemoryKeyStore(),
    saveDialog: async (suggested) => {
      dialogAsked.push(suggested);
      return dialogAnswer;
    },
  });
  await value('vault:init', { passphrase: PASSPHRASE, useKeychain: false });
  const review = await value<OfflineReview>('transfer:openOffline', {
    fileName: 'db.json',
    content: { encoding: 'text', text: JSON.stringify(SECRET) },
  });
  sessionId = review.sessionId;
  await value<OfflineImportResult>('transfer:importOffline', { sessionId, name: 'backup' });
  const resources = await value<ResourceSummary[]>('resources:resources', {});
  resourceId = resources[0]?.id as number;
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const offline = (extra: Record<string, unknown>) => ({ sessionId, format: 'json', ...extra });
const fromVault = (extra: Record<string, unknown>) => ({
  target: { kind: 'resource', resourceId },
  format: 'list',
  ...extra,
});

describe.each([
  ['transfer:exportOffline', offline],
  ['resources:export', fromVault],
] as const)('%s', (channel, request) => {
  it('refuses a relative path as invalid_input, and writes nothing', async () => {
    const cwdBefore = fs.readdirSync(process.cwd());
    for (const relative of ['.bashrc', 'out/x.json', '../x.json']) {
      const r = await app.dispatch(channel, request({ path: relative }), { transport: 'test' });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(fs.readdirSync(process.cwd())).toEqual(cwdBefore);
  });

  it('never replaces an existing file unless overwrite is set', async () => {
    const file = path.join(dir, `${channel.replace(':', '-')}-bashrc`);
    fs.writeFileSync(file, 'export PATH=$PATH:~/bin\n');
    const refused = await app.dispatch(channel, request({ path: file }), { transport: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    expect(fs.readFileSync(file, 'utf8')).toBe('export PATH=$PATH:~/bin\n');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const replaced = await value<ExportResult>(channel, request({ path: file, overwrite: true }));
    expect(replaced.path).toBe(file);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).apiVersion).toBe('v1');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('in browser mode hands the file back as a download and refuses a path from the page', async () => {
    const r = await value<ExportResult>(channel, request({ fileName: 'db-creds.json' }), 'harness');
    expect(r.path).toBeUndefined();
    expect(r.download?.fileName).toBe('db-creds.json');
    const manifest = JSON.parse(Buffer.from(r.download?.base64 ?? '', 'base64').toString());
    expect(JSON.stringify(manifest)).toContain('db-creds');
    const withPath = await app.dispatch(channel, request({ path: path.join(dir, 'page-chose.json') }), {
      transport: 'harness',
    });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fs.existsSync(path.join(dir, 'page-chose.json'))).toBe(false);
  });

  it('in Electron asks main’s save dialog, writes where the user chose, and writes nothing on cancel', async () => {
    const chosen = path.join(dir, `${channel.replace(':', '-')}-chosen.json`);
    dialogAnswer = chosen;
    const r = await value<ExportResult>(channel, request({ fileName: 'proposed.json' }), 'electron');
    expect(dialogAsked.at(-1)).toBe('proposed.json');
    expect(r.path).toBe(chosen);
    expect(fs.existsSync(chosen)).toBe(true);

    dialogAnswer = undefined;
    const cancelled = await app.dispatch(channel, request({}), { transport: 'electron' });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const withPath = await app.dispatch(channel, request({ path: chosen, overwrite: true }), { transport: 'electron' });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
