// e2e: fetch a cluster of 10k Secrets in Chromium, filter the table, reveal and copy, change and sync, diff, export and reopen offline.
import fs from 'node:fs';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { kubeConfigFor } from '../../src/main/kube/connection';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('resources in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;
  let core: CoreV1Api;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: { bulk: 10_000, namespaces: 100 } });
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    core = kubeConfigFor({ ...admin, token: sandbox.adminToken, timeoutMs: 10_000 }).makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'payments' } } });
    await core.createNamespacedSecret({
      namespace: 'payments',
      body: {
        metadata: { name: 'payments-db' },
        type: 'Opaque',
        data: { password: b64('first-pass\n'), user: b64('app') },
      },
    });
    const { token } = await provisionServiceAccount(admin, { variant: 'read-write' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'bulk', server: sandbox.url, caPem: sandbox.caPem, token },
    });
    await s.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.harness.origin });
    const connected = await s.app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
  });

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  it('fetches every namespace with progress, then lists 10k+ accounts', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit2');
    await page.getByRole('button', { name: 'Fetch all namespaces' }).click();
    await page.getByTestId('sync-report').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('sync-report').textContent()).resolves.toMatch(/10,?0\d\d added|100\d\d added/);
    await page
      .getByTestId('account-count')
      .getByText(/^10,0\d\d accounts/)
      .waitFor();
    await s.shot('resources-fetched');
  });

  it('filters 10k rows down as you type', async () => {
    const { page } = s;
    const started = Date.now();
    await page.getByLabel('Filter accounts').fill('payments-db');
    await page.getByTestId('account-count').getByText('1 account').waitFor();
    expect(Date.now() - started).toBeLessThan(5_000);
    await page.getByTestId('account-rows').getByText('payments-db').click();
  });

  it('reveals a value with its trailing newline and copies it', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Reveal password' }).click();
    await expect(page.getByTestId('value-text').first().textContent()).resolves.toBe('first-pass⏎\n');
    await page.getByRole('button', { name: 'Copy' }).first().click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('first-pass\n');
  });

  it('syncs a change and diffs the two versions, masked until revealed', async () => {
    const { page } = s;
    const current = await core.readNamespacedSecret({ name: 'payments-db', namespace: 'payments' });
    current.data = { ...current.data, password: b64('second-pass\n') };
    await core.replaceNamespacedSecret({ name: 'payments-db', namespace: 'payments', body: current });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page
      .getByTestId('sync-report')
      .getByText(/1 changed/)
      .waitFor({ timeout: 120_000 });
    await page.getByTestId('account-rows').getByText('payments-db').click();
    await page.getByRole('button', { name: 'Compare' }).click();
    const diff = page.getByTestId('diff');
    await diff.getByRole('cell', { name: 'changed', exact: true }).waitFor();
    await expect(diff.textContent()).resolves.not.toContain('second-pass');
    await diff.getByRole('button', { name: 'Reveal the changed values' }).click();
    await diff.getByText('second-pass').waitFor();
    await s.shot('resources-diff');
  });

  it('exports the account as .json and opens the export in Offline review', async () => {
    const { page } = s;
    const out = path.join(s.dataDir, 'payments-db.json');
    await page.locator('.account-panel').getByText('Export this Secret').click();
    // Browser mode: the page names no path; the export arrives as a download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.account-panel').getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('payments-db.json');
    await download.saveAs(out);
    await page.getByText(/Downloaded 1 Secret/).waitFor();
    const manifest = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(manifest).toMatchObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'payments-db' } });
    expect(Buffer.from(manifest.data.password, 'base64').toString()).toBe('second-pass\n');
    expect(manifest.metadata.resourceVersion).toBeUndefined();

    await page.keyboard.press('Alt+Digit7');
    await page.getByLabel('Open a Secrets file').setInputFiles(out);
    await page.getByRole('button', { name: 'Reveal password' }).click();
    await expect(page.getByTestId('value-text').first().textContent()).resolves.toBe('second-pass⏎\n');
  });
});
