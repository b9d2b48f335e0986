// End to end: a Deployment consumes a Secret, its keys are mapped to a PostgreSQL account, rotate, and both ends agree.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresRotator } from '../../../src/main/rotation/postgres-rotator';
import { rotationSubject } from '../../../src/main/rotation/target-store';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { type AppHarness, appHarness, kubectlOk, secretManifest } from '../sync/harness';
import { consumerDeployment, createRole, pgTarget, secretData as readSecret, restartedAt } from './fixtures';

let cluster: TestCluster;
let server: TestPostgres;
let h: AppHarness;
let ns: string;
const OLD = 'old-Password-42';
const kubectl = (args: string[], input?: string) => kubectlOk(cluster, args, input);
const url = (pw: string) => `postgres://app:${encodeURIComponent(pw)}@db.example:5432/orders`;

const secretData = (name: string) => readSecret(cluster, ns, name);

beforeAll(async () => {
  [cluster, server] = await Promise.all([getTestCluster(), startTestPostgres()]);
  ns = cluster.uniqueName('rotate');
  await createRole(server, 'app', OLD);
  await kubectl(['create', 'namespace', ns]);
  await kubectl(
    ['apply', '-f', '-'],
    secretManifest(ns, 'db', { password: OLD, DATABASE_URL: url(OLD), other: 'keep-me' }),
  );
  await kubectl(['apply', '-f', '-'], consumerDeployment(ns, 'web', 'db'));
  h = await appHarness(cluster, { includeNamespaces: [ns] });
  await h.call('sync:fetch', { clusterId: 'c1', namespaces: [ns] });
  await h.call('targets:addPostgres', {
    name: 'orders-db',
    host: server.host,
    port: server.port,
    tlsMode: 'disable',
    adminUser: server.adminUser,
    adminPassword: server.adminPassword,
  });
  await h.call('targets:addAccount', { resource: 'orders-db', account: 'app', password: OLD });
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await h?.dispose();
  await Promise.all([cluster?.close(), server?.close()]);
});

it('rotates: PostgreSQL takes the new password and refuses the old, the Secret holds it byte-exact, the Deployment restarted', async () => {
  const kubeResource = `${ns}-test`;
  await h.call('mapping:add', {
    from: { kubeResource, secret: 'db', key: 'password' },
    to: { resource: 'orders-db', account: 'app' },
  });
  await h.call('mapping:add', {
    from: { kubeResource, secret: 'db', key: 'DATABASE_URL' },
    to: { resource: 'orders-db', account: 'app' },
    template: 'postgres://{user}:{password}@db.example:5432/orders',
  });
  const plan = await h.call('rotation:plan', { resource: 'orders-db', account: 'app' });
  expect(plan.keys.map((k) => k.key).sort()).toEqual(['DATABASE_URL', 'password']);
  expect(plan.consumers).toEqual([
    expect.objectContaining({ kind: 'Deployment', namespace: ns, name: 'web', uses: ['env'], agentSidecar: false }),
  ]);
  const before = await restartedAt(cluster, ns, 'web');

  const done = await h.call('rotation:rotate', {
    resource: 'orders-db',
    account: 'app',
    restart: true,
  });

  expect(done.writes).toEqual([expect.objectContaining({ namespace: ns, secret: 'db', outcome: 'written' })]);
  expect(done.restarts).toEqual([{ kind: 'Deployment', namespace: ns, name: 'web', outcome: 'complete' }]);
  const data = await secretData('db');
  const fresh = data.password?.toString('utf8') ?? '';
  expect(fresh).not.toBe(OLD);
  expect(fresh.length).toBe(32);
  expect(data.DATABASE_URL?.equals(Buffer.from(url(fresh)))).toBe(true);
  expect(data.other?.equals(Buffer.from('keep-me'))).toBe(true);
  const target = pgTarget(server);
  await expect(postgresRotator.verifyLogin(target, 'app', fresh)).resolves.toBeUndefined();
  await expect(postgresRotator.verifyLogin(target, 'app', OLD)).rejects.toMatchObject({ code: 'unauthorized' });
  const after = await restartedAt(cluster, ns, 'web');
  expect(after).toBeDefined();
  expect(after).not.toBe(before);
});

it('PostgreSQL down at the change step: the rotation fails as unreachable and neither end changes', async () => {
  const before = await secretData('db');
  await server.stop();
  try {
    const error = await h
      .call('rotation:rotate', { resource: 'orders-db', account: 'app', restart: false })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreachable' });
  } finally {
    await server.start();
  }
  const after = await secretData('db');
  expect(after.password?.equals(before.password ?? Buffer.alloc(0))).toBe(true);
  const jobs = await h.call('jobs:list', {});
  expect(jobs[0]).toMatchObject({ kind: 'rotation', state: 'failed', step: 'change' });
  const held = rotationSubject(h.app.vault.db(), 'orders-db', 'app');
  await expect(postgresRotator.verifyLogin(held.target, 'app', held.password)).resolves.toBeUndefined();
  // The failed rotation blocks another until it is resumed or rolled back; rolling back finds nothing to undo.
  const [failed] = await h.call('rotation:list', {});
  expect(failed).toMatchObject({ state: 'failed', step: 'change', errorCode: 'unreachable', rollbackable: true });
  await expect(
    h.call('rotation:rotate', { resource: 'orders-db', account: 'app', restart: false }),
  ).rejects.toMatchObject({ code: 'conflict' });
  const back = await h.call('rotation:rollback', { id: failed?.id ?? '', restart: false });
  expect(back.writes.map((w) => w.outcome)).toEqual(['already_current']);
  await expect(postgresRotator.verifyLogin(held.target, 'app', held.password)).resolves.toBeUndefined();
});

it('a key changed outside Strongroom is reported as a conflict and not overwritten', async () => {
  await kubectl(
    ['apply', '-f', '-'],
    secretManifest(ns, 'db', { password: 'changed-by-someone', DATABASE_URL: 'x', other: 'keep-me' }),
  );
  const error = await h
    .call('rotation:rotate', { resource: 'orders-db', account: 'app', restart: false })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'conflict' });
  expect((error as Error).message).not.toContain('changed-by-someone');
  const data = await secretData('db');
  expect(data.password?.toString('utf8')).toBe('changed-by-someone');
});
