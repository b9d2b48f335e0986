// AuditLog: one helper records ok and failures, a journal catches events while locked, paged queries, export.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import { AppError } from '../../shared/errors';
import { fileDestination } from '../ipc/export-destination';

const PASS = 'correct horse battery';
let f: VaultFixture;

beforeEach(async () => {
  f = vaultFixture();
  await f.vault.init({ passphrase: PASS, useKeychain: false });
});
afterEach(() => f.dispose());

describe('AuditLog', () => {
  it('records through run(): ok, or the AppError code, and rethrows', async () => {
    await expect(f.audit.run('secret.reveal', 'prod/db', () => 42, { field: 'password' })).resolves.toBe(42);
    await expect(
      f.audit.run('secret.reveal', 'prod/db', () => {
        throw new AppError('forbidden', 'no');
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(f.audit.run('cluster.test', 't', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const page = f.audit.list({ limit: 10 });
    expect(page.events.map((e) => [e.action, e.outcome])).toEqual([
      ['cluster.test', 'internal'],
      ['secret.reveal', 'forbidden'],
      ['secret.reveal', 'ok'],
    ]);
    expect(page.events[2]).toMatchObject({
      seq: 1,
      actor: 'tester',
      target: 'prod/db',
      details: { field: 'password' },
    });
  });

  it('writes the checkpoint to keys.json at most once a second while events keep coming, and the newest head on lock', async () => {
    const update = f.vault.keyFile.update.bind(f.vault.keyFile);
    let writes = 0;
    f.vault.keyFile.update = (fn) => {
      writes++;
      return update(fn);
    };
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const record = (i: number) =>
      f.audit.record({ action: 'cluster.test', target: `t${i}`, outcome: 'ok', details: { i } });
    const head = () => f.vault.keyFile.read().auditCheckpoint?.seq;
    // A fetch's shape: an event, then one per committed batch, each after some work (here: a turn of the loop).
    for (let i = 0; i < 8; i++) {
      record(i);
      await tick();
    }
    // Within a second of the unlock (which wrote keys.json itself), nothing yet.
    expect(writes).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(writes).toBe(1);
    expect(head()).toBe(8);
    record(8);
    await tick();
    expect(writes).toBe(1);
    f.vault.lock('manual');
    expect(writes).toBe(2);
    expect(head()).toBe(10); // nine events and vault.lock
  });

  it('redacts detail keys that look secret', () => {
    f.audit.record({
      action: 'secret.copy',
      target: 't',
      outcome: 'ok',
      details: { token: 'eyJabc', value: 's3cr3t', name: 'n' },
    });
    expect(f.audit.list({}).events[0]?.details).toEqual({ token: '[redacted]', value: '[redacted]', name: 'n' });
  });

  it('journals events while locked and appends them, in order, after the next unlock', async () => {
    f.vault.lock('manual');
    f.clock.advance(1000);
    f.audit.record({
      action: 'vault.unlock',
      target: 'vault',
      outcome: 'wrong_passphrase',
      details: { method: 'passphrase' },
    });
    expect(f.vault.keyFile.read().auditJournal).toHaveLength(1);
    const { vault, audit } = f.reopen();
    await vault.unlock({ method: 'passphrase', passphrase: PASS });
    const actions = audit.list({}).events.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(['vault.unlock:wrong_passphrase', 'vault.lock:ok']);
    expect(vault.keyFile.read().auditJournal).toEqual([]);
    expect(audit.verify()).toMatchObject({ ok: true, checked: 2, head: { seq: 2 } });
  });

  it('pages newest first with a keyset cursor and filters by action, outcome, time, target and text', () => {
    for (let i = 1; i <= 25; i++) {
      f.clock.advance(1000);
      f.audit.record({
        action: i % 5 === 0 ? 'secret.copy' : 'secret.reveal',
        target: `ns/s${i}`,
        outcome: i % 2 ? 'ok' : 'forbidden',
        details: { n: i },
      });
    }
    const first = f.audit.list({ limit: 10 });
    expect(first.total).toBe(25);
    expect(first.events.map((e) => e.seq)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    const second = f.audit.list({ limit: 10, before: first.nextCursor ?? 0 });
    expect(second.events[0]?.seq).toBe(15);
    const last = f.audit.list({ limit: 10, before: 6 });
    expect(last.nextCursor).toBeNull();
    expect(f.audit.list({ action: 'secret.copy' }).total).toBe(5);
    expect(f.audit.list({ outcome: 'failed' }).total).toBe(12);
    expect(f.audit.list({ outcome: 'ok', action: 'secret.copy' }).events.map((e) => e.seq)).toEqual([25, 15, 5]);
    expect(f.audit.list({ target: 'NS/S2' }).total).toBe(7); // s2, s20-s25
    expect(f.audit.list({ text: '"n":13' }).events.map((e) => e.seq)).toEqual([13]);
    const t0 = f.audit.list({ before: 4, limit: 1 }).events[0]?.time ?? 0;
    expect(f.audit.list({ from: t0, to: t0 + 1000 }).total).toBe(2);
    expect(f.audit.facets()).toEqual({ actions: ['secret.copy', 'secret.reveal'], outcomes: ['forbidden', 'ok'] });
  });

  it('exports jsonl and csv atomically with mode 0600, defusing spreadsheet formulas', () => {
    f.audit.record({ action: 'secret.copy', target: '=HYPERLINK("x")', outcome: 'ok', details: { a: 'b,"c"' } });
    const jsonl = path.join(f.dir, 'out.jsonl');
    const csv = path.join(f.dir, 'out.csv');
    expect(f.audit.export('jsonl', fileDestination(jsonl)).count).toBe(1);
    expect(JSON.parse(fs.readFileSync(jsonl, 'utf8').trim())).toMatchObject({
      seq: 1,
      target: '=HYPERLINK("x")',
      details: { a: 'b,"c"' },
    });
    f.audit.export('csv', fileDestination(csv));
    const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('seq,time,actor,action,target,outcome,source,details,prev,hash');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(fs.statSync(csv).mode & 0o777).toBe(0o600);
    expect(() => f.audit.export('csv', fileDestination(path.join(f.dir, 'missing', 'x.csv')))).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('exports only the events the filter shows, as the list does, and says that it filtered', () => {
    f.audit.record({ action: 'secret.reveal', target: 'prod/db', outcome: 'ok' });
    f.audit.record({ action: 'secret.reveal', target: 'prod/api', outcome: 'forbidden' });
    f.audit.record({ action: 'secret.copy', target: 'prod/db', outcome: 'ok' });
    const filter = { action: 'secret.reveal', target: 'DB' };
    const file = path.join(f.dir, 'filtered.jsonl');
    expect(f.audit.export('jsonl', fileDestination(file), filter)).toMatchObject({ count: 1, filtered: true });
    const shown = f.audit.list({ ...filter }).events.map((e) => e.seq);
    const written = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { seq: number }).seq);
    expect(written).toEqual(shown);
    expect(f.audit.export('jsonl', fileDestination(file, true), { outcome: 'failed' })).toMatchObject({
      count: 1,
      filtered: true,
    });
    expect(f.audit.export('jsonl', fileDestination(file, true))).toMatchObject({ count: 3, filtered: false });
    // Without overwrite an existing file is left exactly as it was.
    const before = fs.readFileSync(file, 'utf8');
    expect(() => f.audit.export('csv', fileDestination(file))).toThrow(
      expect.objectContaining({ code: 'already_exists' }),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});
