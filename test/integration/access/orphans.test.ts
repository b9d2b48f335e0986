// Sessions a crashed process left live are closed at the next unlock; one another running process holds stays live.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';

const PASS = 'orphan sessions passphrase';
let app: App | undefined;
let dir: string;

afterEach(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function session(a: App, id: string): void {
  a.vault
    .db()
    .prepare(
      `INSERT INTO access_sessions (id, cluster_id, cluster_name, account, service_account, actor, reason, started_at, expires_at, identity)
       VALUES (?, 'c1', 'prod', 'view', 'strongroom/strongroom-access-view', 'tester', 'test', ?, ?, 'sa')`,
    )
    .run(id, Date.now() - 60_000, Date.now() + 600_000);
}

function ended(a: App, id: string): { ended_at: number | null; end_reason: string | null } {
  return a.vault.db().prepare('SELECT ended_at, end_reason FROM access_sessions WHERE id = ?').get(id) as {
    ended_at: number | null;
    end_reason: string | null;
  };
}

it('unlock closes a session no process runs, and keeps one whose job another live process still runs', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-orphans-'));
  const keyStore = new MemoryKeyStore();
  const first = await createApp({ dataDir: dir, shell: 'test', keyStore, log: silentLogger() });
  await first.vault.init({ passphrase: PASS, useKeychain: false });
  session(first, 'crashed-session');
  session(first, 'held-elsewhere');
  // The other process (this test's parent, alive) journals the session it holds as a running job.
  first.vault
    .db()
    .prepare(
      `INSERT INTO jobs (id, kind, label, state, params, owner_pid, started_at, updated_at)
       VALUES ('held-elsewhere', 'access-session', 'kubectl session', 'running', '{}', ?, ?, ?)`,
    )
    .run(process.ppid, Date.now(), Date.now());
  // A crash: the rows stay as they were; the next process opens the same vault.
  first.vault.lock('manual');
  app = await createApp({ dataDir: dir, shell: 'test', keyStore, log: silentLogger() });
  const notices: unknown[] = [];
  app.events.subscribe((name, payload) => name === 'app:notice' && notices.push(payload));
  await app.vault.unlock({ method: 'passphrase', passphrase: PASS });
  expect(ended(app, 'crashed-session')).toMatchObject({ end_reason: 'error', ended_at: expect.any(Number) });
  expect(ended(app, 'held-elsewhere')).toEqual({ ended_at: null, end_reason: null });
  // Its cluster is gone, so its Secret cannot be deleted: the window is told, and nothing fails.
  await expect.poll(() => notices.length, { timeout: 20_000 }).toBe(1);
  expect(notices[0]).toMatchObject({
    level: 'warning',
    message: expect.stringMatching(
      /^Session crashed- on prod as view was left live .* was kept: This cluster no longer exists/,
    ),
  });
}, 60_000);
