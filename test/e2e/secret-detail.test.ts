// e2e: a Secret's detail lists the Deployment that uses it (env and volume) and shows its YAML masked until revealed.
import { AppsV1Api, CoreV1Api, type KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { kubeConfigFor } from '../../src/main/kube/connection';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('Secret detail in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;
  let kc: KubeConfig;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: { bulk: 5, namespaces: 1 } });
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    kc = kubeConfigFor({ ...admin, token: sandbox.adminToken, timeoutMs: 10_000 });
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'shop' } } });
    await core.createNamespacedSecret({
      namespace: 'shop',
      body: { metadata: { name: 'shop-db' }, type: 'Opaque', data: { password: b64('pw-1\n') } },
    });
    await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
      namespace: 'shop',
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'registry.k8s.io/pause:3.9',
                  env: [{ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } } }],
                  volumeMounts: [{ name: 'creds', mountPath: '/etc/db' }],
                },
              ],
              volumes: [{ name: 'creds', secret: { secretName: 'shop-db' } }],
            },
          },
        },
      },
    });
    const { token } = await provisionServiceAccount(admin, { variant: 'read-write' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'shop', server: sandbox.url, caPem: sandbox.caPem, token },
    });
    await s.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.harness.origin });
    const connected = await s.app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
    const { page } = s;
    await page.keyboard.press('Alt+Digit2');
    await page.getByRole('button', { name: 'Fetch all namespaces' }).click();
    await page.getByTestId('sync-report').waitFor({ timeout: 120_000 });
    await page.getByLabel('Filter accounts').fill('shop-db');
    await page.getByTestId('account-rows').getByText('shop-db').click();
  });

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  it('lists the Deployment using the Secret, with the env key and the mount path', async () => {
    const consumers = s.page.getByRole('region', { name: 'Consumers' });
    await consumers.getByText('shop/web').waitFor();
    const text = await consumers.textContent();
    expect(text).toContain('Consumers (1)');
    expect(text).toContain('Deployment');
    expect(text).toContain('env PGPASSWORD ← key password (container app)');
    expect(text).toContain('volume at /etc/db (container app)');
    expect(text).toContain('no agent sidecar: restarted on rotation');
  });

  it('shows the YAML masked and copies it masked; after Reveal values it shows and copies the exact base64', async () => {
    const { page } = s;
    await page.getByText('YAML', { exact: true }).click();
    const yaml = page.getByTestId('secret-yaml');
    await expect(yaml.textContent()).resolves.toContain('password: ••••••');
    await expect(yaml.textContent()).resolves.not.toContain(b64('pw-1\n'));
    await page.getByRole('button', { name: 'Copy YAML' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('password: ••••••');

    await page.getByRole('button', { name: 'Reveal values' }).click();
    await yaml.getByText(`password: ${b64('pw-1\n')}`).waitFor();
    await page.getByRole('button', { name: 'Copy YAML' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toContain(`password: ${b64('pw-1\n')}`);
    const audit = await s.app.call('audit:list', { action: 'secret.reveal' });
    if (!audit.ok) throw new Error(audit.error.message);
    expect(JSON.stringify(audit.value)).toContain('shop-db');
  });

  it('says in the panel why workloads could not be listed, with the fix, when the account loses the right', async () => {
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const bindings = await rbac.listClusterRoleBinding({ labelSelector: 'app.kubernetes.io/managed-by=strongroom' });
    for (const b of bindings.items) await rbac.deleteClusterRoleBinding({ name: b.metadata?.name ?? '' });
    const consumers = s.page.getByRole('region', { name: 'Consumers' });
    await consumers.getByRole('button', { name: 'Refresh consumers' }).click();
    const alert = consumers.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Could not list workloads: Not allowed: listing Deployments in shop.');
    expect(text).toContain('Grant the cluster\'s service account "list" on deployments');
  });
});
