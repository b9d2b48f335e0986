// Importing an offline file into the vault: resources per namespace, byte-exact values, a new version on change, audited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import type { OfflineReview } from '../../../src/shared/ipc/transfer';
import { present, valueCall } from '../../support/app-call';

let app: App;
let dir: string;

const value = valueCall(() => app);

function listFile(password: string): string {
  const secret = (ns: string, name: string, data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: ns },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'binary').toString('base64')])),
  });
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [secret('billing', 'db', { password, blob: '\u0000\u00ff\n' }), secret('web', 'session', { key: 'k\n' })],
  });
}

async function open(text: string): Promise<OfflineReview> {
  return value('transfer:openOffline', { fileName: 'backup.json', content: { encoding: 'text', text } });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-import-'));
  app = await createApp({ dataDir: dir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  await value('vault:init', { passphrase: 'import passphrase 1', useKeychain: false });
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('offline import', () => {
  it('stores each namespace as a resource and keeps the values byte-exact', async () => {
    const review = await open(listFile('one\n'));
    const result = await value('transfer:importOffline', {
      sessionId: review.sessionId,
      name: 'backup',
    });
    expect(result.resources.map((r) => [r.name, r.added])).toEqual([
      ['billing-backup', 1],
      ['web-backup', 1],
    ]);
    const page = await value('resources:list', { filter: { text: 'db' } });
    const row = page.rows.find((r) => r.resourceName === 'billing-backup');
    expect(row).toMatchObject({ name: 'db', clusterId: null, keyCount: 2 });
    const blob = await value('resources:reveal', { accountId: present(row).id, key: 'blob', view: 'hex' });
    expect(blob.value.kind === 'binary' && blob.value.hexLines[0]).toContain('00 ff 0a');
  });

  it('adds a version when a changed file is imported again, and nothing for an identical one', async () => {
    const again = await open(listFile('one\n'));
    const same = await value('transfer:importOffline', {
      sessionId: again.sessionId,
      name: 'backup',
    });
    expect(same.resources.every((r) => r.unchanged === 1 && r.changed === 0)).toBe(true);
    const changed = await open(listFile('two\n'));
    const result = await value('transfer:importOffline', {
      sessionId: changed.sessionId,
      indexes: [0],
      name: 'backup',
    });
    expect(result.resources).toEqual([expect.objectContaining({ name: 'billing-backup', changed: 1 })]);
    const page = await value('resources:list', { filter: { text: 'billing-backup' } });
    const detail = await value('resources:account', { accountId: present(page.rows[0]).id });
    expect(detail.versions).toHaveLength(2);
  });

  it('refuses a bad name and an unknown Secret index, and audits the imports without values', async () => {
    const review = await open(listFile('three\n'));
    const bad = await app.call('transfer:importOffline', { sessionId: review.sessionId, name: 'Not A Name' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const missing = await app.call('transfer:importOffline', { sessionId: review.sessionId, indexes: [9], name: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const audit = await value('audit:list', { action: 'offline.import' });
    expect(audit.events.map((e) => e.outcome).sort()).toEqual(['not_found', 'ok', 'ok', 'ok']);
    expect(JSON.stringify(audit.events)).not.toMatch(/one\\n|two\\n|three/);
  });

  it('imports a file that repeats a Secret: the later copy becomes a new version of the same account', async () => {
    const copy = (value: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'twice', namespace: 'dup' },
      data: { v: Buffer.from(value).toString('base64') },
    });
    const review = await open(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [copy('a'), copy('b')] }));
    expect(review.secrets).toHaveLength(2);
    const result = await value('transfer:importOffline', {
      sessionId: review.sessionId,
      name: 'dup',
    });
    expect(result.resources).toEqual([expect.objectContaining({ name: 'dup-dup', added: 1, changed: 1 })]);
  });
  it('writes its audit event in the same transaction: when the event cannot be written, nothing is imported', async () => {
    const db = app.vault.db();
    const accounts = () => db.prepare('SELECT count(*) FROM accounts').pluck().get();
    const before = accounts();
    // The log refuses this one event, as a full disk or a broken chain would.
    db.exec(`CREATE TEMP TRIGGER refuse_import BEFORE INSERT ON audit_events
      WHEN NEW.action = 'offline.import' AND NEW.outcome = 'ok' BEGIN SELECT RAISE(ABORT, 'no room'); END`);
    try {
      const review = await open(listFile('three\n').replaceAll('billing', 'payroll'));
      const r = await app.call('transfer:importOffline', { sessionId: review.sessionId, name: 'refused' });
      expect(r.ok).toBe(false);
    } finally {
      db.exec('DROP TRIGGER refuse_import');
    }
    expect(accounts()).toBe(before);
    expect(db.prepare("SELECT count(*) FROM resources WHERE name LIKE '%-refused'").pluck().get()).toBe(0);
    const last = db.prepare('SELECT action, outcome FROM audit_events ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ action: 'offline.import', outcome: 'internal' });
  });
});
