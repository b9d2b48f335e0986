// The transfer channels end to end through createApp: open, reveal, export and close, audited, gone on lock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { valueCall } from '../../support/app-call';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/transfer');
const PASSPHRASE = 'correct horse battery staple';
let app: App;
let dir: string;

const value = valueCall(() => app);

function fixtureContent(name: string) {
  return { encoding: 'base64' as const, base64: fs.readFileSync(path.join(FIXTURES, name)).toString('base64') };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-transfer-'));
  app = await createApp({ dataDir: dir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  await value('vault:init', { passphrase: PASSPHRASE, useKeychain: false });
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('transfer channels', () => {
  it('opens a file sent as text or base64 and reveals one key, decoded', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'multi.fixture.yaml'), 'utf8');
    const review = await value('transfer:openOffline', {
      fileName: 'chart.yaml',
      content: { encoding: 'text', text },
    });
    expect(review.secrets.map((s) => s.name)).toEqual(['api-token', 'blob']);
    const token = await value('transfer:revealOffline', {
      sessionId: review.sessionId,
      secretIndex: 0,
      key: 'token',
    });
    expect(token).toMatchObject({ kind: 'text', text: 'line one\nline two\n' });
    const hex = await value('transfer:revealOffline', {
      sessionId: review.sessionId,
      secretIndex: 0,
      key: 'token',
      view: 'hex',
    });
    expect(hex.kind).toBe('binary');
    const fromBase64 = await value('transfer:openOffline', {
      fileName: 'db.yaml',
      content: fixtureContent('kubectl-secret.fixture.yaml'),
    });
    expect(fromBase64.secrets[0]?.name).toBe('db-creds');
  });

  it('answers bad_file as data, and invalid_input for a malformed request', async () => {
    const wrongKind = await app.call('transfer:openOffline', {
      fileName: 'web.yaml',
      content: fixtureContent('deployment.fixture.yaml'),
    });
    expect(wrongKind).toMatchObject({
      ok: false,
      error: { code: 'bad_file', message: '"web.yaml" holds a Deployment, not Secrets.' },
    });
    const bad = await app.call('transfer:revealOffline', { sessionId: 'nope', secretIndex: -1, key: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('exports an open file as a bundle and opens that bundle with its passphrase', async () => {
    const review = await value('transfer:openOffline', {
      fileName: 'all.json',
      content: fixtureContent('kubectl-list.fixture.json'),
    });
    const out = path.join(dir, 'all.srbundle.json');
    const result = await value('transfer:exportOffline', {
      sessionId: review.sessionId,
      format: 'bundle',
      path: out,
      passphrase: 'bundle passphrase',
    });
    expect(result).toMatchObject({ count: 2, format: 'bundle', encrypted: true });
    const content = { encoding: 'base64' as const, base64: fs.readFileSync(out).toString('base64') };
    const locked = await app.call('transfer:openOffline', { fileName: 'all.srbundle.json', content });
    expect(locked).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    const opened = await value('transfer:openOffline', {
      fileName: 'all.srbundle.json',
      content,
      passphrase: 'bundle passphrase',
    });
    expect(opened).toMatchObject({ format: 'bundle', secrets: [{ name: 'web-tls' }, { name: 'pull' }] });
    expect(await value('transfer:closeOffline', { sessionId: opened.sessionId })).toEqual({ closed: true });
  });

  it('records opens, reveals and exports in the audit log, without values', async () => {
    const page = await value('audit:list', { limit: 1000 });
    const actions = page.events.map((e) => `${e.action} ${e.outcome}`);
    expect(actions).toContain('offline.open ok');
    expect(actions).toContain('offline.open bad_file');
    expect(actions).toContain('secret.reveal ok');
    expect(actions).toContain('secret.export ok');
    expect(JSON.stringify(page)).not.toContain('line one');
  });

  it('drops every open file when the vault locks', async () => {
    const review = await value('transfer:openOffline', {
      fileName: 'db.yaml',
      content: fixtureContent('kubectl-secret.fixture.yaml'),
    });
    await value('vault:lock', {});
    await value('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    const after = await app.call('transfer:revealOffline', {
      sessionId: review.sessionId,
      secretIndex: 0,
      key: 'password',
    });
    expect(after).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
