// Rotation faults against real PostgreSQL and the test cluster: a real 409 during write-back, and a 403 on one namespace, each resumed after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { postgresRotator } from '../../../src/main/rotation/postgres-rotator';
import { RotationService } from '../../../src/main/rotation/rotation-service';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { type ValueCall, valueCall } from '../../support/app-call';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { kubectlOk, secretManifest, testAccess } from '../sync/harness';
import { createRole, pgTarget, secretData } from './fixtures';

let cluster: TestCluster;
let server: TestPostgres;
let app: App;
let call: ValueCall;
let dir: string;
/** The bearer token the app reaches the cluster with; undefined is the admin's. */
let token: string | undefined;
const namespaces: string[] = [];
const OLD = 'old-Fault-Password-3';
const kubectl = (args: string[], input?: string) => kubectlOk(cluster, args, input);

beforeAll(async () => {
  [cluster, server] = await Promise.all([getTestCluster(), startTestPostgres()]);
  for (const prefix of ['rot409', 'rotok', 'rotdeny']) namespaces.push(cluster.uniqueName(prefix));
  await Promise.all([createRole(server, 'app409', OLD), createRole(server, 'app403', OLD)]);
  for (const ns of namespaces) {
    await kubectl(['create', 'namespace', ns]);
    await kubectl(['apply', '-f', '-'], secretManifest(ns, 'db', { password: OLD }));
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-rotation-faults-'));
  const access = testAccess(cluster, { includeNamespaces: namespaces });
  app = await createApp({
    dataDir: dir,
    shell: 'test',
    log: silentLogger(),
    keyStore: new MemoryKeyStore(),
    clusterAccess: { ...access, kubeConfig: async () => cluster.kubeConfig(token) },
  });
  call = valueCall(app);
  await call('vault:init', { passphrase: 'rotation faults passphrase', useKeychain: false });
  await call('sync:fetch', { clusterId: 'c1', namespaces });
  await call('targets:addPostgres', { name: 'orders-db', ...pgTarget(server) });
  for (const account of ['app409', 'app403'])
    await call('targets:addAccount', { resource: 'orders-db', account, password: OLD });
}, 240_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ...namespaces, '--wait=false']);
  await app?.close();
  await Promise.all([cluster?.close(), server?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('a real 409: another writer changes the Secret between read and write; the conflict is reported, nothing overwritten, resume then writes', async () => {
  const [ns] = namespaces as [string];
  await call('mapping:add', {
    from: { kubeResource: `${ns}-test`, secret: 'db', key: 'password' },
    to: { resource: 'orders-db', account: 'app409' },
  });
  // The same app, with a writer that slips in between the rotation's read and its guarded patch.
  const racing = new RotationService({
    vault: app.vault,
    audit: app.audit,
    jobs: app.jobs,
    clock: app.clock,
    clusters: { ...testAccess(cluster), kubeConfig: async () => cluster.kubeConfig(token) },
    beforeWrite: async (group) => {
      await kubectl(['annotate', 'secret', group.secret, '-n', group.namespace, 'other-writer=was-here']);
    },
  });
  const error = await racing
    .rotate('orders-db', 'app409', { restart: false })
    .catch((e: unknown) => e as Error & { code: string; writes: { outcome: string; error?: { code: string } }[] });
  expect(error).toMatchObject({ code: 'conflict' });
  expect(error.writes).toEqual([
    expect.objectContaining({ outcome: 'failed', error: expect.objectContaining({ code: 'conflict' }) }),
  ]);
  expect((error as { writes: { currentResourceVersion?: string }[] }).writes[0]?.currentResourceVersion).toBeTruthy();
  expect((await secretData(cluster, ns, 'db')).password?.equals(Buffer.from(OLD))).toBe(true);

  const [failed] = await call('rotation:list', { account: { resource: 'orders-db', account: 'app409' } });
  expect(failed).toMatchObject({ state: 'failed', step: 'write', errorCode: 'conflict', resumable: true });
  const done = await call('rotation:resume', { id: failed?.id ?? '' });
  expect(done.writes.map((w) => w.outcome)).toEqual(['written']);
  const fresh = (await secretData(cluster, ns, 'db')).password?.toString('utf8') ?? '';
  await expect(postgresRotator.verifyLogin(pgTarget(server), 'app409', fresh)).resolves.toBeUndefined();
}, 240_000);

it('a 403 on one namespace: the other namespace is written, the failure is reported, and resume with rights writes the rest', async () => {
  const [, allowed, denied] = namespaces as [string, string, string];
  for (const ns of [allowed, denied])
    await call('mapping:add', {
      from: { kubeResource: `${ns}-test`, secret: 'db', key: 'password' },
      to: { resource: 'orders-db', account: 'app403' },
    });
  await kubectl(['create', 'serviceaccount', 'rotator', '-n', allowed]);
  const rbac = [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'rotator', namespace: allowed },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'patch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rotator', namespace: allowed },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rotator' },
      subjects: [{ kind: 'ServiceAccount', name: 'rotator', namespace: allowed }],
    },
  ];
  await kubectl(['apply', '-f', '-'], rbac.map((o) => JSON.stringify(o)).join('\n'));
  token = (await kubectl(['create', 'token', 'rotator', '-n', allowed])).trim();
  let error: unknown;
  try {
    error = await call('rotation:rotate', { resource: 'orders-db', account: 'app403', restart: false }).catch(
      (e: unknown) => e,
    );
  } finally {
    token = undefined;
  }
  expect(error).toMatchObject({ code: 'forbidden' });
  expect((error as Error).message).toContain(denied);
  const fresh = (await secretData(cluster, allowed, 'db')).password?.toString('utf8') ?? '';
  expect(fresh).not.toBe(OLD);
  expect((await secretData(cluster, denied, 'db')).password?.equals(Buffer.from(OLD))).toBe(true);
  await expect(postgresRotator.verifyLogin(pgTarget(server), 'app403', fresh)).resolves.toBeUndefined();

  const [failed] = await call('rotation:list', { account: { resource: 'orders-db', account: 'app403' } });
  expect(failed).toMatchObject({ state: 'failed', step: 'write', errorCode: 'forbidden', resumable: true });
  const done = await call('rotation:resume', { id: failed?.id ?? '' });
  const byNs = Object.fromEntries(done.writes.map((w) => [w.namespace, w.outcome]));
  expect(byNs).toEqual({ [allowed]: 'already_current', [denied]: 'written' });
  expect((await secretData(cluster, denied, 'db')).password?.equals(Buffer.from(fresh))).toBe(true);
  const [completed] = await call('rotation:list', { account: { resource: 'orders-db', account: 'app403' } });
  expect(completed).toMatchObject({ id: failed?.id, state: 'completed' });
}, 240_000);
