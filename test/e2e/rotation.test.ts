// e2e: a mapped key's account rotated from the Rotation view after its impact preview, against real PostgreSQL and the sandbox; the journal shows it.
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { kubeConfigFor } from '../../src/main/kube/connection';
import { postgresRotator } from '../../src/main/rotation/postgres-rotator';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { consumerDeployment, createRole, pgTarget } from '../integration/rotation/fixtures';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

const OLD = 'old-E2e-Password-5';

describe('rotation from the Rotation view in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;
  let server: TestPostgres;
  let core: CoreV1Api;

  beforeAll(async () => {
    [sandbox, server] = await Promise.all([startSandbox(), startTestPostgres()]);
    await createRole(server, 'app', OLD);
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    const kc = kubeConfigFor({ ...admin, token: sandbox.adminToken, timeoutMs: 10_000 });
    core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'shop' } } });
    await core.createNamespacedSecret({
      namespace: 'shop',
      body: { metadata: { name: 'shop-db' }, type: 'Opaque', data: { password: Buffer.from(OLD).toString('base64') } },
    });
    await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
      namespace: 'shop',
      body: JSON.parse(consumerDeployment('shop', 'web', 'shop-db')),
    });
    const { token } = await provisionServiceAccount(admin, { variant: 'read-write' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'shop', server: sandbox.url, caPem: sandbox.caPem, token },
    });
    const call = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
      const out = await r;
      if (!out.ok) throw new Error(out.error.message);
      return out.value;
    };
    await call(s.app.call('app:connectDemo', {}));
    const [cluster] = await call(s.app.call('clusters:list', {}));
    await call(s.app.call('sync:fetch', { clusterId: cluster?.id ?? '', namespaces: ['shop'] }));
    const resources = await call(s.app.call('resources:resources', {}));
    const shop = resources.find((r) => r.namespace === 'shop');
    await call(s.app.call('targets:addPostgres', { name: 'orders-db', ...pgTarget(server) }));
    await call(s.app.call('targets:addAccount', { resource: 'orders-db', account: 'app', password: OLD }));
    await call(
      s.app.call('mapping:add', {
        from: { kubeResource: shop?.name ?? '', secret: 'shop-db', key: 'password' },
        to: { resource: 'orders-db', account: 'app' },
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
    await server?.close();
  });

  it('shows the impact preview, rotates, and lists the rotation as completed; PostgreSQL takes the value now in the Secret', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit4');
    await page.getByRole('heading', { level: 1, name: 'Rotation' }).waitFor();
    await page.getByText('No rotation yet.').waitFor();
    await page.getByRole('button', { name: 'Rotate now: orders-db/app' }).click();
    const preview = page.getByRole('region', { name: 'Rotate orders-db/app' });
    await preview.getByText('This will write 1 key and restart 1 Deployment.').waitFor({ timeout: 60_000 });
    await preview.getByText('shop/shop-db:password').waitFor();
    await s.shot('rotation-preview');
    await preview.getByRole('button', { name: 'Rotate', exact: true }).click();
    const history = page.getByRole('grid', { name: 'Rotation history' });
    await history.getByRole('gridcell', { name: 'Completed' }).waitFor({ timeout: 120_000 });
    await history.getByRole('button', { name: 'Roll back the rotation of orders-db/app' }).waitFor();
    await s.shot('rotation-history');

    const secret = await core.readNamespacedSecret({ name: 'shop-db', namespace: 'shop' });
    const fresh = Buffer.from(secret.data?.password ?? '', 'base64').toString('utf8');
    expect(fresh).not.toBe(OLD);
    await expect(postgresRotator.verifyLogin(pgTarget(server), 'app', fresh)).resolves.toBeUndefined();
    await expect(postgresRotator.verifyLogin(pgTarget(server), 'app', OLD)).rejects.toMatchObject({
      code: 'unauthorized',
    });
  }, 240_000);
});
