// Export destinations through the channels: main decides (dialog, download), no relative paths, no silent replacement.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceSummary } from '../../../src/shared/ipc/resources';
import type { ExportResult, OfflineImportResult, OfflineReview } from '../../../src/shared/ipc/transfer';
import { type SaveDialogApp, saveDialogApp } from '../../support/save-dialog-app';

const PASSPHRASE = 'correct horse battery staple';
const SECRET = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db-creds', namespace: 'prod' },
  data: { password: Buffer.from('hunter2\n').toString('base64') },
};

let t: SaveDialogApp;
let sessionId: string;
let resourceId: number;

async function value<T>(name: string, payload: unknown, transport: 'test' | 'electron' | 'harness' = 'test') {
  const r = await t.app.dispatch(name, payload, { transport });
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  t = await saveDialogApp('export-dest', PASSPHRASE);
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
  await t?.close();
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
      const r = await t.app.dispatch(channel, request({ path: relative }), { transport: 'test' });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(fs.readdirSync(process.cwd())).toEqual(cwdBefore);
  });

  it('never replaces an existing file unless overwrite is set', async () => {
    const file = path.join(t.dir, `${channel.replace(':', '-')}-bashrc`);
    fs.writeFileSync(file, 'export PATH=$PATH:~/bin\n');
    const refused = await t.app.dispatch(channel, request({ path: file }), { transport: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    expect(fs.readFileSync(file, 'utf8')).toBe('export PATH=$PATH:~/bin\n');
    expect(fs.readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

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
    const withPath = await t.app.dispatch(channel, request({ path: path.join(t.dir, 'page-chose.json') }), {
      transport: 'harness',
    });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fs.existsSync(path.join(t.dir, 'page-chose.json'))).toBe(false);
  });

  it('in Electron asks main’s save dialog, writes where the user chose, and writes nothing on cancel', async () => {
    const chosen = path.join(t.dir, `${channel.replace(':', '-')}-chosen.json`);
    t.answer = chosen;
    const r = await value<ExportResult>(channel, request({ fileName: 'proposed.json' }), 'electron');
    expect(t.asked.at(-1)).toBe('proposed.json');
    expect(r.path).toBe(chosen);
    expect(fs.existsSync(chosen)).toBe(true);

    t.answer = undefined;
    const cancelled = await t.app.dispatch(channel, request({}), { transport: 'electron' });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const withPath = await t.app.dispatch(channel, request({ path: chosen, overwrite: true }), {
      transport: 'electron',
    });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
