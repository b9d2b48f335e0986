// A session whose process dies (SIGKILL of `strongroom access … -- kubectl …`): the next CLI run that opens the vault ends it and deletes its bound Secret.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { boundObjectName } from '../../../src/main/access/bound-object';
import type { SessionSummary } from '../../../src/shared/ipc/access';
import type { AuditEvent } from '../../../src/shared/ipc/audit';
import { PASSPHRASE } from '../clusters/harness';
import { cliRun } from '../sync/cli-child';
import { type AccessHarness, accessHarness } from './harness';

let h: AccessHarness;
const children: ChildProcess[] = [];

beforeAll(async () => {
  h = await accessHarness();
});

afterAll(async () => {
  // kubectl, left behind by the killed CLI, is in its process group.
  for (const child of children) if (child.pid) killGroup(child.pid);
  await h?.close();
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

const cliArgs = (args: string[]) => ['bin/strongroom.mjs', '--data-dir', h.dir, ...args];
const cliEnv = () => ({ ...process.env, STRONGROOM_PASSPHRASE: PASSPHRASE });

const cli = (args: string[]) => cliRun(h.dir, PASSPHRASE, args);

/** Starts a session that runs `kubectl get secrets -w` (it never ends on its own); resolves with its id prefix. */
async function sessionThatWaits(): Promise<{ child: ChildProcess; prefix: string }> {
  const args = ['access', 'jit', '--account', 'edit', '--ttl', '10m', '--reason', 'crash'];
  const child = spawn(process.execPath, cliArgs([...args, '--', 'kubectl', 'get', 'secrets', '-n', h.work, '-w']), {
    env: cliEnv(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  const prefix = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      const started = /session ([0-9a-f]{8}) on jit as edit/.exec(stderr);
      if (started?.[1]) resolve(started[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`strongroom access exited (${code}) before the session started:\n${stderr}`)),
    );
  });
  return { child, prefix };
}

async function sessionSecrets(namespace: string): Promise<string[]> {
  const out = await h.admin(['-n', namespace, 'get', 'secrets', '-o', 'name']);
  return out
    .split('\n')
    .map((l) => l.trim().replace(/^secret\//, ''))
    .filter((n) => n.startsWith('strongroom-session-'));
}

async function audited(action: string, sessionId: string): Promise<AuditEvent[]> {
  const page = await h.value('audit:list', { action, limit: 1000 });
  return page.events.filter((e) => e.details.sessionId === sessionId);
}

it('after a kill -9 of strongroom access, the next CLI run ends the session and deletes its bound Secret', async () => {
  const { child, prefix } = await sessionThatWaits();
  const name = (await sessionSecrets(h.saNamespace)).find((n) => n.startsWith(boundObjectName(prefix)));
  expect(name).toBeDefined();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  // The crash left the Secret (and the session row) behind.
  expect(await sessionSecrets(h.saNamespace)).toContain(name);

  const list = await cli(['--json', 'sessions', 'list']);
  expect(list.code).toBe(0);
  const session = (JSON.parse(list.stdout) as SessionSummary[]).find((s) => s.id.startsWith(prefix));
  expect(session).toMatchObject({ live: false, endReason: 'error', reason: 'crash' });
  expect(list.stderr).toContain(`Session ${prefix} on jit as edit was left live by a process that is gone`);
  expect(list.stderr).toContain(`(Secret ${h.saNamespace}/${name} deleted)`);
  // That run waited for the deletion before it exited.
  expect(await sessionSecrets(h.saNamespace)).not.toContain(name);
  const id = session?.id ?? '';
  expect((await audited('session.end', id)).map((e) => [e.outcome, e.details.reason])).toEqual([['ok', 'error']]);
  expect((await audited('session.revoke', id)).map((e) => [e.outcome, e.details.deleted])).toEqual([['ok', true]]);
}, 180_000);

it('a bound Secret the cluster will not let Strongroom delete is kept and audited as forbidden; the run goes on', async () => {
  // A session row a dead process left, whose account lives in a namespace where Strongroom may not delete Secrets.
  const id = randomUUID();
  const name = boundObjectName(id);
  await h.admin(['-n', h.work, 'create', 'secret', 'generic', name]);
  await h.admin(['-n', h.work, 'annotate', 'secret', name, `strongroom.io/session=${id}`]);
  h.app.vault
    .db()
    .prepare(
      `INSERT INTO access_sessions (id, cluster_id, cluster_name, account, service_account, actor, reason, started_at, expires_at, identity)
       VALUES (?, ?, 'jit', 'custom', ?, 'tester', 'forbidden', ?, ?, 'sa')`,
    )
    .run(id, h.clusterId, `${h.work}/someone`, Date.now() - 60_000, Date.now() + 600_000);

  const list = await cli(['--json', 'sessions', 'list']);
  expect(list.code).toBe(0);
  const session = (JSON.parse(list.stdout) as SessionSummary[]).find((s) => s.id === id);
  expect(session).toMatchObject({ live: false, endReason: 'error' });
  expect(await sessionSecrets(h.work)).toContain(name);
  expect(list.stderr).toContain(`its Secret ${h.work}/${name} was kept: Strongroom may not delete the session Secret`);
  const [revoke] = await audited('session.revoke', id);
  expect(revoke).toMatchObject({ outcome: 'forbidden', details: { boundObject: `${h.work}/${name}` } });
  expect(String(revoke?.details.why)).toContain('may not delete the session Secret');
}, 180_000);
