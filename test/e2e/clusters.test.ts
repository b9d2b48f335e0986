// e2e: add a cluster in Chromium — CA confirmed by fingerprint, setup YAML, token, three live test steps, save, edit, delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

describe('clusters in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    token = (await provisionServiceAccount(admin, { variant: 'read-only', namespace: 'strongroom-e2e' })).token;
    const demo = await provisionServiceAccount(admin, { variant: 'read-write', namespace: 'strongroom-demo' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'demo', server: sandbox.url, caPem: sandbox.caPem, token: demo.token },
    });
  });

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  it('connects the demo cluster in one click', async () => {
    const { page } = s;
    // The app opens on the Overview; Clusters is one shortcut away.
    await page.keyboard.press('Alt+Digit1');
    await page.getByRole('button', { name: 'Connect the demo cluster' }).click();
    await page
      .getByRole('row', { name: /demo/ })
      .getByText(/Connected/)
      .waitFor();
    await expect(page.getByRole('button', { name: 'Connect the demo cluster' }).count()).resolves.toBe(0);
  });

  it('adds a cluster: fingerprint-confirmed CA, setup YAML, token, live test, save', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Add cluster' }).click();
    await page.getByLabel('Cluster name').fill('e2e-cluster');
    await page.getByLabel('API URL').fill(sandbox.url);
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('Fetch from the server and confirm').check();
    await page.getByRole('button', { name: "Fetch the server's certificates" }).click();
    const card = page.locator('.cert', { has: page.getByTestId('fingerprint').getByText(sandbox.caFingerprintSha256) });
    await card.waitFor();
    await s.shot('clusters-fingerprint');
    await card.getByRole('button', { name: 'Trust this certificate' }).click();
    await page.getByText('A CA is chosen (1 certificate(s)).').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    await expect(page.getByTestId('setup-yaml').textContent()).resolves.toContain('kind: ServiceAccount');
    await page.getByLabel('Setup variant').selectOption('read-write');
    await page
      .getByTestId('setup-yaml')
      .getByText(/read-write/)
      .first()
      .waitFor();
    await expect(page.getByTestId('setup-yaml').textContent()).resolves.toContain('patch');
    await page.getByLabel('Setup variant').selectOption('read-only');
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Next' }).click();

    await expect(page.getByRole('button', { name: 'Save cluster' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Test connection' }).click();
    for (const step of ['host', 'cluster', 'account']) {
      await page
        .locator(`[data-testid="step-${step}"][data-status="pass"], [data-testid="step-${step}"][data-status="warn"]`)
        .waitFor();
    }
    await s.shot('clusters-test');
    await page.getByRole('button', { name: 'Save cluster' }).click();
    const row = page.getByRole('row', { name: /e2e-cluster/ });
    await row.getByText(/Connected/).waitFor();
    await expect(row.textContent()).resolves.toContain('v1.');
  });

  it('shows a failing step with its fix for a wrong token, and saves only when asked to anyway', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Add cluster' }).click();
    await page.getByLabel('Cluster name').fill('bad-token');
    await page.getByLabel('API URL').fill(sandbox.url);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Paste PEM').check();
    await page.getByLabel('CA certificate PEM').fill(sandbox.caPem);
    await page.getByRole('button', { name: 'Read certificate' }).click();
    await page.getByText(/A CA is chosen/).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Token').fill('not-a-valid-token');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const account = page.locator('[data-testid="step-account"][data-status="fail"]');
    await account.waitFor();
    await expect(account.locator('.step-fix').textContent()).resolves.toMatch(/token/i);
    await expect(page.getByRole('button', { name: 'Save cluster' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('edits the cluster name', async () => {
    const { page } = s;
    await page
      .getByRole('row', { name: /e2e-cluster/ })
      .getByRole('button', { name: 'Edit' })
      .click();
    await page.getByLabel('Cluster name').fill('e2e-renamed');
    await page.getByRole('button', { name: 'Test and save' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('row', { name: /e2e-renamed/ }).waitFor();
  });

  it('deletes a cluster and says what happened to its resources', async () => {
    const { page } = s;
    await page
      .getByRole('row', { name: /e2e-renamed/ })
      .getByRole('button', { name: 'Delete' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Delete e2e-renamed' });
    await dialog.getByText('Keep them under Resources').waitFor();
    await dialog.getByRole('button', { name: 'Delete cluster' }).click();
    await page
      .getByText(/deleted/)
      .first()
      .waitFor();
    await expect(page.getByRole('row', { name: /e2e-renamed/ }).count()).resolves.toBe(0);
    const audit = await s.app.call('audit:list', { action: 'cluster.delete' });
    expect(audit.ok).toBe(true);
  });
});
