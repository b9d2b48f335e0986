// e2e: Offline review of a kubectl-style file — byte-exact values, certificate details, copy, export to a bundle and reopen it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/shared/ipc/audit';
import { makeCert } from '../support/test-pki';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

const b64 = (value: string | Uint8Array) => Buffer.from(value).toString('base64');

describe('offline review in Chromium', () => {
  let s: E2eSession;
  let file: string;

  beforeAll(async () => {
    s = await startSession({ passphrase: TEST_PASSPHRASE });
    const day = 86_400_000;
    const cert = await makeCert('api.example.test', new Date(Date.now() - day), new Date(Date.now() + 10 * day), [
      { type: 'dns', value: 'api.example.test' },
    ]);
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'db-creds', namespace: 'payments', resourceVersion: '42' },
          type: 'Opaque',
          data: { password: b64('hunter2  \n'), blob: b64(new Uint8Array([0, 1, 2, 255, 254, 10])) },
        },
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'web-tls', namespace: 'payments' },
          type: 'kubernetes.io/tls',
          data: { 'tls.crt': b64(cert.pem) },
        },
      ],
    };
    file = path.join(s.dataDir, 'secrets.json');
    fs.writeFileSync(file, JSON.stringify(list));
    await s.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.harness.origin });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('refuses a file that holds no Secrets with a clear error', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit7');
    const bad = path.join(s.dataDir, 'deploy.yaml');
    fs.writeFileSync(bad, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    await page.getByLabel('Open a Secrets file').setInputFiles(bad);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Deployment/);
  });

  it('opens a kubectl list and reveals a text value with its trailing spaces and newline visible', async () => {
    const { page } = s;
    await page.getByLabel('Open a Secrets file').setInputFiles(file);
    await page.getByRole('heading', { name: 'payments/db-creds' }).waitFor();
    await page.getByRole('button', { name: 'Reveal password' }).click();
    const text = page.getByTestId('value-text').first();
    await expect(text.textContent()).resolves.toBe('hunter2··⏎\n');
    await s.shot('offline-text');
  });

  it('shows binary data as a hex dump with every byte', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Reveal blob' }).click();
    await page.getByText('00 01 02 ff fe 0a').waitFor();
  });

  it('copies a value and audits the copy', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Copy' }).first().click();
    await page.getByText(/Copied\. The clipboard is cleared/).waitFor();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('hunter2  \n');
    const audit = await s.app.call('audit:list', { action: 'secret.copy' });
    expect(audit.ok && (audit.value as AuditPage).events.length).toBe(1);
  });

  it('shows certificate details with the expiry warning', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /web-tls/ }).click();
    await page.getByRole('button', { name: 'Reveal tls.crt' }).click();
    await page.getByText(/expires in \d+ days/).waitFor();
    await page.getByText('CN=api.example.test').first().waitFor();
    await s.shot('offline-cert');
  });

  it('exports an encrypted bundle and opens it again with its passphrase', async () => {
    const { page } = s;
    const out = path.join(s.dataDir, 'bundle.srb');
    await page.getByText('Export a clean copy').click();
    await page.getByLabel('Export format').selectOption('bundle');
    await page.getByLabel('New bundle passphrase').fill('bundle passphrase 1');
    // Browser mode: main hands the file back over the harness connection and the browser downloads it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-export\.srb$/);
    await download.saveAs(out);
    await page.getByText(/Downloaded 2 Secret\(s\)/).waitFor();
    expect(fs.readFileSync(out).includes(Buffer.from('hunter2'))).toBe(false);

    await page.getByRole('button', { name: 'Close file' }).click();
    await page.getByLabel('Open a Secrets file').setInputFiles(out);
    await page.getByLabel('Bundle passphrase').fill('wrong passphrase');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Bundle passphrase').fill('bundle passphrase 1');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: 'payments/db-creds' }).waitFor();
    await page.getByRole('button', { name: 'Reveal password' }).click();
    await expect(page.getByTestId('value-text').first().textContent()).resolves.toBe('hunter2··⏎\n');
  });

  it('imports the open file into the vault, where Resources lists it', async () => {
    const { page } = s;
    await page.getByText('Import into the vault').click();
    await page.getByLabel('Import name').fill('from-bundle');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/Imported into payments-from-bundle: 2 new or changed/).waitFor();
    await page.keyboard.press('Alt+Digit2');
    await page.getByTestId('account-rows').getByText('payments-from-bundle').first().waitFor();
  });
});
