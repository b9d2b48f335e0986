// e2e: the Secrets agent generator in Chromium — pick a workload and a Secret, see the YAML and the diff, apply it.
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { kubeConfigFor } from '../../src/main/kube/connection';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

describe('secrets agent generator in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;
  let apps: AppsV1Api;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    const kc = kubeConfigFor({ ...admin, token: sandbox.adminToken, timeoutMs: 10_000 });
    const core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    await core.createNamespace({ body: { metadata: { name: 'shop' } } });
    await core.createNamespacedSecret({
      namespace: 'shop',
      body: { metadata: { name: 'shop-db' }, type: 'Opaque', data: { password: Buffer.from('pw').toString('base64') } },
    });
    await apps.createNamespacedDeployment({
      namespace: 'shop',
      body: {
        metadata: { name: 'shop-web' },
        spec: {
          selector: { matchLabels: { app: 'shop-web' } },
          template: {
            metadata: { labels: { app: 'shop-web' } },
            spec: {
              securityContext: { runAsUser: 1000 },
              containers: [{ name: 'web', image: 'registry.k8s.io/pause:3.9' }],
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
    const connected = await s.app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
  });

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  it('generates the manifest for a picked workload and Secret, shows the diff, and applies it with the read-write account', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit9');
    await page.getByRole('heading', { name: 'Secrets agent' }).waitFor();
    await page.getByLabel('Namespace').selectOption('shop');
    await page.getByLabel('Workload').selectOption('Deployment/shop-web');
    await page.getByRole('checkbox', { name: /shop-db/ }).check();
    await page.getByRole('radio', { name: /Sidecar/ }).check();
    await page.getByRole('button', { name: 'Generate manifest' }).click();
    const yaml = page.getByTestId('agent-yaml');
    await yaml.getByText('kind: RoleBinding').waitFor();
    await expect(yaml.textContent()).resolves.toContain('- shop-db');
    await s.shot('agent-yaml');
    await page.getByRole('button', { name: 'Review diff and apply…' }).click();
    const diff = page.getByTestId('agent-diff');
    await diff.getByText('# Role shop/shop-web-secrets-agent (new)').waitFor();
    await expect(diff.textContent()).resolves.toContain('+         - name: strongroom-agent');
    await s.shot('agent-diff');
    await page.getByRole('button', { name: 'Apply now' }).click();
    await page.getByText(/Applied: ServiceAccount\/shop-web-secrets-agent/).waitFor({ timeout: 30_000 });
    const live = await apps.readNamespacedDeployment({ name: 'shop-web', namespace: 'shop' });
    expect(live.spec?.template.spec?.initContainers?.map((c) => c.name)).toEqual(['strongroom-agent']);
    expect(live.spec?.template.spec?.serviceAccountName).toBe('shop-web-secrets-agent');
    await page.getByLabel('Workload').locator('option', { hasText: '(has the agent)' }).waitFor({ state: 'attached' });
  });
});
