// Tamper evidence: every single-byte flip of every field, deletions, reorders, tail cuts and rollbacks are detected.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import type { WritableDB } from '../vault/db';

const N = 12;
const TEXT_FIELDS = ['actor', 'action', 'target', 'outcome', 'details', 'prev', 'hash'] as const;
let f: VaultFixture;
let db: WritableDB;

beforeEach(async () => {
  f = vaultFixture();
  await f.vault.init({ passphrase: 'correct horse battery', useKeychain: false });
  for (let i = 0; i < N - 1; i++) {
    f.clock.advance(1234);
    f.audit.record({
      action: 'secret.reveal',
      target: `prod/ns/secret-${i}`,
      outcome: i % 3 ? 'ok' : 'forbidden',
      details: { field: `k${i}`, n: i },
    });
  }
  f.audit.record({ action: 'secret.copy', target: 'prod/ns/ünïcode', outcome: 'ok', details: { note: 'ok' } });
  f.audit.flush();
  db = f.vault.db();
  // The attacker has the vault key and removes the append-only guard first.
  db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
  expect(f.audit.verify()).toMatchObject({ ok: true, checked: N, head: { seq: N } });
});
afterEach(() => f.dispose());

function restoring(seq: number, tamper: () => void): ReturnType<typeof f.audit.verify> {
  const row = db.prepare('SELECT * FROM audit_events WHERE seq = ?').get(seq) as Record<string, unknown>;
  db.exec('SAVEPOINT tamper');
  try {
    tamper();
    return f.audit.verify();
  } finally {
    db.exec('ROLLBACK TO tamper; RELEASE tamper');
    expect(db.prepare('SELECT * FROM audit_events WHERE seq = ?').get(seq)).toEqual(row);
  }
}

describe('audit verify detects', () => {
  it('a flip of any single byte in any text field of any event', { timeout: 120_000 }, () => {
    let cases = 0;
    for (let seq = 1; seq <= N; seq++) {
      for (const field of TEXT_FIELDS) {
        const bytes = db
          .prepare(`SELECT CAST(${field} AS BLOB) FROM audit_events WHERE seq = ?`)
          .pluck()
          .get(seq) as Buffer;
        for (let i = 0; i < bytes.length; i++) {
          const flipped = Buffer.from(bytes);
          flipped[i] = (flipped[i] as number) ^ 0x01;
          const result = restoring(seq, () =>
            db.prepare(`UPDATE audit_events SET ${field} = CAST(? AS TEXT) WHERE seq = ?`).run(flipped, seq),
          );
          expect(result.ok, `${field} byte ${i} of event ${seq}`).toBe(false);
          expect(result.firstBad?.seq).toBeLessThanOrEqual(seq + 1);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(N * 180); // every byte was tried: 64-char hashes, details, names
  });

  it('a flip of any byte of the time or seq of any event', () => {
    for (let seq = 1; seq <= N; seq++) {
      for (let byte = 0; byte < 7; byte++) {
        const mask = 2 ** (8 * byte);
        expect(
          restoring(seq, () =>
            db.prepare('UPDATE audit_events SET time = time # ? WHERE seq = ?'.replace('#', '+')).run(mask, seq),
          ).ok,
        ).toBe(false);
        const target = seq ^ (byte < 4 ? mask : 0) || seq + mask;
        const taken = db.prepare('SELECT 1 FROM audit_events WHERE seq = ?').get(target);
        if (taken) continue; // a single-row edit cannot collide with another event's key
        expect(
          restoring(seq, () => db.prepare('UPDATE audit_events SET seq = ? WHERE seq = ?').run(target, seq)).ok,
        ).toBe(false);
      }
    }
  });

  it('a deleted event, wherever it is', () => {
    for (let seq = 1; seq <= N; seq++) {
      const result = restoring(seq, () => db.prepare('DELETE FROM audit_events WHERE seq = ?').run(seq));
      expect(result).toMatchObject({ ok: false, firstBad: { seq } });
    }
  });

  it('two events swapped', () => {
    for (let a = 1; a < N; a++) {
      const b = a + 1 + ((a * 7) % (N - a));
      const result = restoring(a, () => {
        db.prepare('UPDATE audit_events SET seq = -1 WHERE seq = ?').run(a);
        db.prepare('UPDATE audit_events SET seq = ? WHERE seq = ?').run(a, b);
        db.prepare('UPDATE audit_events SET seq = ? WHERE seq = -1').run(b);
      });
      expect(result).toMatchObject({ ok: false, firstBad: { seq: a } });
    }
  });

  it('a truncated tail, even when the head in the DB is moved back too', () => {
    for (let keep = 0; keep < N; keep++) {
      const plain = restoring(N, () => db.prepare('DELETE FROM audit_events WHERE seq > ?').run(keep));
      expect(plain.ok).toBe(false);
      const covered = restoring(N, () => {
        db.prepare('DELETE FROM audit_events WHERE seq > ?').run(keep);
        const last = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
          | { seq: number; hash: string }
          | undefined;
        if (last) db.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(last.seq, last.hash);
        else db.exec('DELETE FROM audit_head');
      });
      expect(covered).toMatchObject({ ok: false, firstBad: { seq: keep + 1 } });
      expect(covered.firstBad?.reason).toMatch(/keys\.json/);
    }
  });

  it('an altered checkpoint in keys.json', () => {
    f.vault.keyFile.update((d) => ({ ...d, auditCheckpoint: d.auditCheckpoint && { ...d.auditCheckpoint, seq: 3 } }));
    expect(f.audit.verify()).toMatchObject({ ok: false, firstBad: { reason: expect.stringMatching(/altered/) } });
  });

  it('vault.db rolled back to an older copy', async () => {
    f.vault.lock('manual');
    const copy = path.join(f.dir, 'old.db');
    fs.copyFileSync(path.join(f.dir, 'vault.db'), copy);
    await f.vault.unlock({ method: 'passphrase', passphrase: 'correct horse battery' });
    f.audit.record({ action: 'secret.reveal', target: 'later', outcome: 'ok' });
    f.vault.lock('manual');
    fs.copyFileSync(copy, path.join(f.dir, 'vault.db'));
    await f.vault.unlock({ method: 'passphrase', passphrase: 'correct horse battery' });
    db = f.vault.db();
    expect(f.audit.verify()).toMatchObject({
      ok: false,
      firstBad: { reason: expect.stringMatching(/removed from the end/) },
    });
  });
});
