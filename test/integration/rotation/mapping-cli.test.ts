// The mapping CLI against the test cluster: map suggest (and --accept-all), then a rule maps a new Secret at `strongroom sync`; audited.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MappingSummary } from '../../../src/shared/ipc/mapping';
import type { AcceptAllResult, MappingSuggestion, RuleAddResult } from '../../../src/shared/ipc/mapping-assist';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { cliOk, openUnlocked } from '../sync/cli-child';
import { kubectlOk, secretManifest } from '../sync/harness';

const PASS = 'mapping cli passphrase';
const APP_PW = 'app-Secret-pw-17';
let cluster: TestCluster;
let dir: string;
let ns: string;
let kubeResource: string;

const cli = async <T>(args: string[]): Promise<T> => JSON.parse(await cliOk(dir, PASS, ['--json', ...args])) as T;

/** Runs a command with stdin (passwords) and expects exit 0. */
function withStdin(args: string[], input: string): Promise<void> {
  const child = spawn(process.execPath, ['bin/strongroom.mjs', '--data-dir', dir, ...args], {
    env: { ...process.env, STRONGROOM_PASSPHRASE: PASS },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  child.stdin.end(input);
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)))),
  );
}

beforeAll(async () => {
  cluster = await getTestCluster();
  if (!cluster.adminToken) throw new Error('this test needs a token-based kubeconfig');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-mapping-cli-'));
  ns = cluster.uniqueName('maps');
  kubeResource = `${ns}-maps`;
  await kubectlOk(cluster, ['create', 'namespace', ns]);
  await kubectlOk(
    cluster,
    ['apply', '-f', '-'],
    secretManifest(ns, 'db', {
      username: 'app',
      password: APP_PW,
      DATABASE_URL: `postgres://app:${APP_PW}@db.${ns}:5432/orders`,
      other: 'not-a-password',
    }),
  );
  await cliOk(dir, PASS, ['init', '--no-keychain']);
  await cliOk(dir, PASS, [
    'cluster',
    'import-kubeconfig',
    cluster.writeKubeconfig(cluster.adminToken, 'maps'),
    '--name',
    'maps',
  ]);
  await cliOk(dir, PASS, ['fetch', 'maps', '--namespace', ns]);
  await withStdin(
    [
      'resource',
      'add-postgres',
      '--name',
      'orders-db',
      '--host',
      '127.0.0.1',
      '--port',
      '5432',
      '--admin-user',
      'postgres',
      '--admin-password-stdin',
      '--sslmode',
      'disable',
    ],
    'admin-pw',
  );
  await withStdin(['account', 'add', 'orders-db', 'app', '--password-stdin'], APP_PW);
}, 300_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await cluster?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('map suggest lists each suggestion with its reason and never a value; --accept-all maps them', async () => {
  const human = await cliOk(dir, PASS, ['map', 'suggest']);
  expect(human).toContain(`${kubeResource}/db:password  →  orders-db/app`);
  expect(human).toContain(
    'because value equals the current password of orders-db/app; key password in a Secret whose username is app',
  );
  expect(human).not.toContain(APP_PW);

  const list = await cli<MappingSuggestion[]>(['map', 'suggest']);
  expect(list.map((s) => [s.from.key, s.template, s.preferred]).sort()).toEqual([
    ['DATABASE_URL', `postgres://{user}:{password}@db.${ns}:5432/orders`, true],
    ['password', null, true],
  ]);
  expect(JSON.stringify(list)).not.toContain(APP_PW);

  const all = await cli<AcceptAllResult>(['map', 'suggest', '--accept-all']);
  expect(all.ambiguous).toBe(0);
  expect(all.accepted.map((m) => m.key).sort()).toEqual(['DATABASE_URL', 'password']);
  expect(await cli<MappingSuggestion[]>(['map', 'suggest'])).toEqual([]);
}, 300_000);

it('a rule maps a Secret created after it at the next `strongroom sync`, and each mapping is audited', async () => {
  const added = await cli<RuleAddResult>([
    'map',
    'rule',
    'add',
    '--namespace',
    ns,
    '--secret',
    'new-*',
    '--key',
    '{password,PGPASSWORD}',
    'orders-db/app',
  ]);
  expect(added.rule).toMatchObject({ namespace: ns, secret: 'new-*', resource: 'orders-db', account: 'app' });
  expect(added.mapped).toEqual([]);
  await kubectlOk(
    cluster,
    ['apply', '-f', '-'],
    secretManifest(ns, 'new-cache', { PGPASSWORD: 'whatever', host: 'h' }),
  );

  await cliOk(dir, PASS, ['sync', 'maps']);

  const mapped = await cli<MappingSummary[]>(['map', 'list', '--account', 'orders-db/app']);
  expect(mapped.map((m) => `${m.secret}:${m.key}`).sort()).toEqual([
    'db:DATABASE_URL',
    'db:password',
    'new-cache:PGPASSWORD',
  ]);
  expect((await cli<unknown[]>(['map', 'rule', 'list'])).length).toBe(1);

  const { app, call } = await openUnlocked(dir, PASS);
  try {
    const events = (await call('audit:list', { limit: 1000 })).events;
    const summary = events.map((e) => `${e.action} ${e.target} ${e.outcome}`);
    expect(summary).toContain(`mapping.rule_map ${kubeResource}/new-cache:PGPASSWORD ok`);
    expect(summary).toContain(`mapping.rule_add rule ${added.rule.id} ok`);
    expect(summary).toContain(`mapping.accept ${kubeResource}/db:password ok`);
    expect(JSON.stringify(events)).not.toContain(APP_PW);
  } finally {
    await app.close();
  }
  const removed = await cli<{ id: number }>(['map', 'rule', 'remove', String(added.rule.id)]);
  expect(removed.id).toBe(added.rule.id);
}, 300_000);
