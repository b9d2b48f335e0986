// The pre-unlock journal cannot forge events: only failed unlocks are chained, at clamped times, marked as from the journal.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import { fileDestination } from '../ipc/export-destination';

const PASS = 'correct horse battery';
const Y2000 = Date.UTC(2000, 0, 1);
let f: VaultFixture;

beforeEach(async () => {
  f = vaultFixture();
  await f.vault.init({ passphrase: PASS, useKeychain: false });
  f.audit.record({ action: 'secret.reveal', target: 'prod/db', outcome: 'ok' });
  f.vault.lock('manual');
});
afterEach(() => f.dispose());

/** A journal entry as the vault:unlock handler writes it for a wrong passphrase. */
const failedUnlock = {
  time: 0,
  actor: 'tester',
  action: 'vault.unlock',
  target: 'vault',
  outcome: 'wrong_passphrase',
  details: { method: 'passphrase' },
};

/** Edits keys.json the way an attacker without the vault key can: a plain rewrite of the file. */
function writeJournal(entries: unknown[]): void {
  const file = path.join(f.dir, 'keys.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  data.auditJournal = entries;
  fs.writeFileSync(file, JSON.stringify(data));
}

async function unlockAgain() {
  f.clock.advance(60_000);
  const next = f.reopen();
  await next.vault.unlock({ method: 'passphrase', passphrase: PASS });
  return next.audit;
}

describe('the failed-unlock journal in keys.json', () => {
  it('records a forged secret.export by another actor dated 2000 as audit.journal_rejected, with no values', async () => {
    const forged = { time: Y2000, actor: 'mallory', action: 'secret.export', outcome: 'ok' };
    writeJournal([{ ...forged, target: 'prod/payments/db-creds', details: { format: 'json', password: 'hunter2' } }]);
    const audit = await unlockAgain();
    const events = audit.list({}).events;
    expect(events.map((e) => e.action)).not.toContain('secret.export');
    const rejected = events.find((e) => e.action === 'audit.journal_rejected');
    expect(rejected).toMatchObject({
      actor: 'tester',
      target: 'vault',
      outcome: 'bad_file',
      details: { source: 'journal', claimedAction: 'secret.export', claimedActor: 'mallory' },
    });
    expect(rejected?.time).toBeGreaterThan(Y2000);
    expect(JSON.stringify(events)).not.toMatch(/hunter2|db-creds/);
    expect(audit.verify()).toMatchObject({ ok: true });
  });

  it('rejects a failed unlock that carries anything beyond the method', async () => {
    writeJournal([{ ...failedUnlock, time: f.clock.now(), details: { method: 'passphrase', note: 'extra' } }]);
    const audit = await unlockAgain();
    expect(audit.list({ action: 'audit.journal_rejected' }).total).toBe(1);
    expect(audit.list({ action: 'vault.unlock' }).total).toBe(0);
  });

  it('keeps real failed unlocks, marked source journal, with times clamped to after the newest chained event', async () => {
    const locked = f.clock.now();
    f.clock.advance(5_000);
    const { vault, audit } = f.reopen();
    await expect(vault.unlock({ method: 'passphrase', passphrase: 'wrong passphrase' })).rejects.toMatchObject({
      code: 'wrong_passphrase',
    });
    audit.record({
      action: 'vault.unlock',
      target: 'vault',
      outcome: 'wrong_passphrase',
      details: { method: 'passphrase' },
    });
    const genuine = vault.keyFile.read().auditJournal;
    writeJournal([...genuine, { ...genuine[0], time: Y2000 }, { ...genuine[0], time: locked + 10 ** 9 }]);
    const after = await unlockAgain();
    const unlocks = after.list({ action: 'vault.unlock' }).events.reverse();
    expect(unlocks.map((e) => e.details)).toEqual([
      { method: 'passphrase', source: 'journal' },
      { method: 'passphrase', source: 'journal', claimedTime: Y2000 },
      { method: 'passphrase', source: 'journal', claimedTime: locked + 10 ** 9 },
    ]);
    expect(unlocks.map((e) => e.time)).toEqual([locked + 5_000, locked, f.clock.now()]);
    expect(after.verify()).toMatchObject({ ok: true });
  });

  it('takes nothing but failed unlocks from a locked vault', () => {
    f.audit.record({ action: 'vault.init', target: 'vault', outcome: 'already_exists' });
    f.audit.record({ action: 'vault.unlock', target: 'vault', outcome: 'ok', details: { method: 'passphrase' } });
    f.audit.record({
      action: 'vault.unlock',
      target: 'vault',
      outcome: 'rate_limited',
      details: { method: 'passphrase' },
    });
    expect(f.vault.keyFile.read().auditJournal.map((e) => e.outcome)).toEqual(['rate_limited']);
  });

  it('exports journal events with "source": "journal" in jsonl and csv, and app events with "app"', async () => {
    writeJournal([
      { time: 1, actor: 'x', action: 'secret.export', target: 't', outcome: 'ok', details: {} },
      { ...failedUnlock, time: 1, details: { method: 'keychain' } },
    ]);
    const audit = await unlockAgain();
    const jsonl = path.join(f.dir, 'out.jsonl');
    const csv = path.join(f.dir, 'out.csv');
    audit.export('jsonl', fileDestination(jsonl));
    audit.export('csv', fileDestination(csv));
    const rows = fs
      .readFileSync(jsonl, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => `${r.action}:${r.source}`)).toEqual([
      'secret.reveal:app',
      'vault.lock:app',
      'audit.journal_rejected:journal',
      'vault.unlock:journal',
    ]);
    const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
    const col = lines[0]?.split(',').indexOf('source') ?? -1;
    expect(col).toBe(6);
    expect(lines.slice(1).map((l) => l.split(',')[col])).toEqual(['app', 'app', 'journal', 'journal']);
  });
});

describe('audit verify', () => {
  it('reports the head: the newest event seq and hash', async () => {
    const audit = await unlockAgain();
    const last = audit.list({ limit: 1 }).events[0];
    expect(audit.verify()).toEqual({ ok: true, checked: last?.seq, head: { seq: last?.seq, hash: last?.hash } });
  });
});
