// End to end: a Deployment consumes a Secret, its keys are mapped to a PostgreSQL account, rotate, and both ends agree.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresRotator } from '../../../src/main/rotation/postgres-rotator';
import { rotationSubject } from '../../../src/main/rotation/target-store';
import type { RotationPlanData, RotationResultData } from '../../../src/shared/ipc/mapping';
import type { SyncReport } from '../../../src/shared/ipc/sync';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { type AppHarness, appHarness, kubectlOk, secretManifest } from '../sync/harness';

let cluster: TestCluster;
let server: TestPostgres;
let h: AppHarness;
let ns: string;
const OLD = 'old-Password-42';
const kubectl = (args: string[], input?: string) => kubectlOk(cluster, args, input);
const url = (pw: string) => `postgres://app:${encodeURIComponent(pw)}@db.example:5432/orders`;

function deployment(name: string, secret: string): string {
  // replicas 0: the rollout completes on any cluster without pulling an image; the template still changes.
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.k8s.io/pause:3.9',
              env: [{ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: secret, key: 'password' } } }],
            },
          ],
        },
      },
    },
  });
}

async function secretData(name: string): Promise<Record<string, Buffer>> {
  const json = JSON.parse(await kubectl(['get', 'secret', name, '-n', ns, '-o', 'json'])) as {
    data: Record<string, string>;
  };
  return Object.fromEntries(Object.entries(json.data).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

beforeAll(async () => {
  [cluster, server] = await Promise.all([getTestCluster(), startTestPostgres()]);
  ns = cluster.uniqueName('rotate');
  const admin = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.adminUser,
    password: server.adminPassword,
    database: 'postgres',
  });
  await admin.connect();
  await admin.query(`CREATE ROLE app LOGIN PASSWORD '${OLD}'`);
  await admin.end();
  await kubectl(['create', 'namespace', ns]);
  await kubectl(
    ['apply', '-f', '-'],
    secretManifest(ns, 'db', { password: OLD, DATABASE_URL: url(OLD), other: 'keep-me' }),
  );
  await kubectl(['apply', '-f', '-'], deployment('web', 'db'));
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
  const before = JSON.parse(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'json'])) as {
    spec: { template: { metadata: { annotations?: Record<string, string> } } };
  };

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
  const target = {
    host: server.host,
    port: server.port,
    tlsMode: 'disable' as const,
    adminUser: server.adminUser,
    adminPassword: server.adminPassword,
  };
  await expect(postgresRotator.verifyLogin(target, 'app', fresh)).resolves.toBeUndefined();
  await expect(postgresRotator.verifyLogin(target, 'app', OLD)).rejects.toMatchObject({ code: 'unauthorized' });
  const after = JSON.parse(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'json'])) as typeof before;
  const restartedAt = after.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
  expect(restartedAt).toBeDefined();
  expect(restartedAt).not.toBe(before.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']);
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
});
