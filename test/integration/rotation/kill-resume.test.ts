// A CLI rotation SIGKILLed between the change at PostgreSQL and the write-back: `rotation resume` completes it, `rotation rollback` undoes it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresRotator } from '../../../src/main/rotation/postgres-rotator';
import type { RotationResultData } from '../../../src/shared/ipc/mapping';
import type { RotationSummary } from '../../../src/shared/ipc/rotation';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { cliOk } from '../sync/cli-child';
import { kubectlOk, secretManifest } from '../sync/harness';
import { consumerDeployment, createRole, pgTarget, restartedAt, secretData } from './fixtures';

const PASS = 'rotation kill test passphrase';
const OLD = 'old-Kill-Password-7';
let cluster: TestCluster;
let server: TestPostgres;
let dir: string;
let ns: string;

const cli = (args: string[], stdin?: string) => cliOk(dir, PASS, args, stdin);

/** Runs `rotate` with the test hook that stops it after `step`, and SIGKILLs it once it says it stopped there. */
async function rotateAndKillAfter(step: string): Promise<void> {
  const child = spawn(process.execPath, ['bin/strongroom.mjs', '--data-dir', dir, 'rotate', 'orders-db/app'], {
    env: { ...process.env, STRONGROOM_PASSPHRASE: PASS, STRONGROOM_TEST_PAUSE_AFTER_STEP: step },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let err = '';
  const paused = new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (d) => {
      err += d;
      if (err.includes(`paused after step ${step}`)) resolve();
    });
    void exited.then((code) => reject(new Error(`rotate exited ${code} before the pause: ${err}`)));
  });
  await paused;
  child.kill('SIGKILL');
  await exited;
}

async function rotations(): Promise<RotationSummary[]> {
  return JSON.parse(await cli(['--json', 'rotation', 'list'])) as RotationSummary[];
}

beforeAll(async () => {
  [cluster, server] = await Promise.all([getTestCluster(), startTestPostgres()]);
  if (!cluster.adminToken) throw new Error('this test needs a token-based kubeconfig');
  ns = cluster.uniqueName('rotkill');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-rotation-kill-'));
  await createRole(server, 'app', OLD);
  await kubectlOk(cluster, ['create', 'namespace', ns]);
  await kubectlOk(cluster, ['apply', '-f', '-'], secretManifest(ns, 'db', { password: OLD, other: 'keep-me' }));
  await kubectlOk(cluster, ['apply', '-f', '-'], consumerDeployment(ns, 'web', 'db'));
  await cli(['init', '--no-keychain']);
  await cli(['cluster', 'import-kubeconfig', cluster.writeKubeconfig(cluster.adminToken, 'rot'), '--name', 'rot']);
  await cli(['fetch', 'rot', '--namespace', ns]);
  await cli(
    [
      'resource',
      'add-postgres',
      '--name',
      'orders-db',
      '--host',
      server.host,
      '--port',
      String(server.port),
      '--admin-user',
      server.adminUser,
      '--admin-password-stdin',
      '--sslmode',
      'disable',
    ],
    server.adminPassword,
  );
  await cli(['account', 'add', 'orders-db', 'app', '--password-stdin'], OLD);
  await cli(['map', 'add', `${ns}-rot/db:password`, 'orders-db/app']);
}, 240_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await Promise.all([cluster?.close(), server?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('killed after the change: listed as interrupted at change, resume completes it, then rollback restores the old password at both ends', async () => {
  const target = pgTarget(server);
  await rotateAndKillAfter('change');

  const [cut] = await rotations();
  expect(cut).toMatchObject({ state: 'interrupted', step: 'change', resumable: true, rollbackable: true });
  // Killed between steps 2 and 4: the target changed, no key was written.
  expect((await secretData(cluster, ns, 'db')).password?.toString('utf8')).toBe(OLD);
  await expect(postgresRotator.verifyLogin(target, 'app', OLD)).rejects.toMatchObject({ code: 'unauthorized' });
  const before = await restartedAt(cluster, ns, 'web');

  const resumed = JSON.parse(await cli(['--json', 'rotation', 'resume', cut?.id ?? ''])) as RotationResultData;
  expect(resumed).toMatchObject({ rotationId: cut?.id, writes: [{ secret: 'db', outcome: 'written' }] });
  expect(resumed.restarts).toEqual([{ kind: 'Deployment', namespace: ns, name: 'web', outcome: 'complete' }]);
  const fresh = (await secretData(cluster, ns, 'db')).password ?? Buffer.alloc(0);
  expect(fresh.toString('utf8')).not.toBe(OLD);
  expect(fresh.length).toBe(32);
  await expect(postgresRotator.verifyLogin(target, 'app', fresh.toString('utf8'))).resolves.toBeUndefined();
  await expect(postgresRotator.verifyLogin(target, 'app', OLD)).rejects.toMatchObject({ code: 'unauthorized' });
  expect(await restartedAt(cluster, ns, 'web')).not.toBe(before);
  const [done] = await rotations();
  expect(done).toMatchObject({ id: cut?.id, state: 'completed', resumable: false, rollbackable: true });

  // The second run: roll the completed rotation back.
  const back = JSON.parse(
    await cli(['--json', 'rotation', 'rollback', cut?.id ?? '', '--no-restart']),
  ) as RotationResultData;
  expect(back.writes).toEqual([expect.objectContaining({ secret: 'db', outcome: 'written' })]);
  expect(back.restarts).toEqual([{ kind: 'Deployment', namespace: ns, name: 'web', outcome: 'skipped' }]);
  const data = await secretData(cluster, ns, 'db');
  expect(data.password?.equals(Buffer.from(OLD))).toBe(true);
  expect(data.other?.equals(Buffer.from('keep-me'))).toBe(true);
  await expect(postgresRotator.verifyLogin(target, 'app', OLD)).resolves.toBeUndefined();
  await expect(postgresRotator.verifyLogin(target, 'app', fresh.toString('utf8'))).rejects.toMatchObject({
    code: 'unauthorized',
  });
  const [rolled] = await rotations();
  expect(rolled).toMatchObject({ state: 'rolled_back', resumable: false, rollbackable: false });
  const auditFile = path.join(dir, 'audit.jsonl');
  await cli(['audit', 'export', '-o', auditFile]);
  const audit = fs.readFileSync(auditFile, 'utf8');
  expect(audit).toContain('rotation.resume');
  expect(audit).toContain('rotation.rollback');
  expect(audit + JSON.stringify(resumed) + JSON.stringify(back)).not.toContain(fresh.toString('utf8'));
}, 300_000);

it('killed after the change and rolled back straight away: the old password works again and the key was never touched', async () => {
  const target = pgTarget(server);
  await rotateAndKillAfter('change');
  const [cut] = await rotations();
  expect(cut).toMatchObject({ state: 'interrupted', step: 'change' });
  const back = JSON.parse(
    await cli(['--json', 'rotation', 'rollback', cut?.id ?? '', '--no-restart']),
  ) as RotationResultData;
  expect(back.writes).toEqual([expect.objectContaining({ secret: 'db', outcome: 'already_current' })]);
  await expect(postgresRotator.verifyLogin(target, 'app', OLD)).resolves.toBeUndefined();
  expect((await secretData(cluster, ns, 'db')).password?.equals(Buffer.from(OLD))).toBe(true);
  const jobs = JSON.parse(await cli(['--json', 'jobs', 'list'])) as { id: string; state: string }[];
  // The killed job was taken over by the roll back: it is no longer offered to run again.
  expect(jobs.find((j) => j.id === cut?.id)?.state).toBe('dismissed');
}, 300_000);
