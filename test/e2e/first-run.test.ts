// e2e: `npm start`'s first run fetches the demo on its own; then the Resources toolbar, cluster picker, export names, wizard names and audit export scope.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCluster, startDemoCluster } from '../../src/main/demo';
import { silentLogger } from '../../src/main/log';
import { type E2eSession, startSession } from './support';

const PASSPHRASE = 'e2e first run passphrase';

describe('first run and Resources in Chromium', () => {
  let s: E2eSession;
  let demoDir: string;
  let demo: DemoCluster;

  beforeAll(async () => {
    demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-e2e-demo-'));
    demo = await startDemoCluster(demoDir, silentLogger());
    s = await startSession({ demo });
  });

  afterAll(async () => {
    await s?.close();
    await demo?.close();
    fs.rmSync(demoDir, { recursive: true, force: true });
  });

  it('creating the vault connects and fetches the demo cluster without a click, and says so', async () => {
    const { page } = s;
    await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
    await page.getByLabel('Passphrase (at least 8 characters)').fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByText(/Connected the demo cluster "demo"/).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Alt+Digit2');
    await page
      .getByTestId('sync-report')
      .getByText(/Fetch finished: \d+ added/)
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('account-rows').locator('[role="row"]').first().waitFor();
    await s.shot('first-run-resources');
  });

  it('shows the first row without scrolling at 1280×800, the fetch panel collapsed and remembered', async () => {
    const { page } = s;
    const firstRow = page.getByTestId('account-rows').locator('[role="row"]').first();
    const box = await firstRow.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 800) + (box?.height ?? 0)).toBeLessThanOrEqual(800);
    await expect(page.getByRole('region', { name: 'Fetch and sync options' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Fetch options…' }).click();
    await page.getByRole('region', { name: 'Fetch and sync options' }).getByLabel('Schedule preset').waitFor();
    await page.keyboard.press('Alt+Digit1');
    await page.keyboard.press('Alt+Digit2');
    await page.getByRole('region', { name: 'Fetch and sync options' }).waitFor();
    await page.getByRole('button', { name: 'Hide fetch options' }).click();
    await expect(page.getByRole('region', { name: 'Fetch and sync options' }).count()).resolves.toBe(0);
  });

  it('the cluster picker limits the table and the export to that cluster', async () => {
    const { page, app } = s;
    const second = await app.call('app:connectDemo', {});
    if (!second.ok) throw new Error(second.error.message);
    const fetched = await app.call('sync:fetch', { clusterId: second.value.clusterId, jobId: crypto.randomUUID() });
    if (!fetched.ok) throw new Error(fetched.error.message);
    await page.keyboard.press('Alt+Digit1');
    await page.keyboard.press('Alt+Digit2');
    const rows = page.getByTestId('account-rows').locator('[role="row"]');
    const count = page.getByTestId('account-count');
    await page.getByRole('toolbar', { name: 'Resources' }).getByLabel('Cluster').selectOption({ label: 'demo' });
    await rows.first().waitFor();
    await expect.poll(() => count.textContent()).toMatch(/^[1-9][\d,]* accounts?$/);
    const first = (await count.textContent()) ?? '';
    await expect(rows.allTextContents()).resolves.not.toContainEqual(expect.stringContaining('-demo-2'));
    await page.getByRole('toolbar', { name: 'Resources' }).getByLabel('Cluster').selectOption({ label: 'demo-2' });
    await rows.filter({ hasText: '-demo-2' }).first().waitFor();
    await expect(rows.allTextContents()).resolves.not.toContainEqual(expect.stringMatching(/-demo(?!-2)/));
    // Same sample Secrets on both clusters: the same count, never the sum of both.
    await expect.poll(() => count.textContent()).toBe(first);
    // "All" shows both clusters (and imported files) and offers no cluster export.
    await page.getByRole('toolbar', { name: 'Resources' }).getByLabel('Cluster').selectOption({ index: 0 });
    await expect.poll(() => count.textContent()).toBe(`${Number.parseInt(first, 10) * 2} accounts`);
    await expect(page.getByRole('button', { name: 'Export…' }).count()).resolves.toBe(0);
    await page.getByRole('toolbar', { name: 'Resources' }).getByLabel('Cluster').selectOption({ label: 'demo-2' });
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByText('Export the cluster demo-2').waitFor();
  });

  it('keeps a typed export name when the format changes; the proposed name only changes its extension', async () => {
    const { page } = s;
    const name = page.getByLabel('Export file name');
    await expect.poll(() => name.inputValue()).toBe('demo-2.json');
    await page.getByLabel('Export format').selectOption('bundle');
    await expect.poll(() => name.inputValue()).toBe('demo-2.srb');
    await name.fill('quarterly-backup.srb');
    await page.getByLabel('Export format').selectOption('list');
    // Let a (wrong) reset land before reading: the format's effect runs after the render.
    await page.getByLabel('Export format').evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    await expect(name.inputValue()).resolves.toBe('quarterly-backup.srb');
  });

  it('catches a taken cluster name at step 1 and clears the message once the name changes', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit1');
    await page.getByRole('button', { name: 'Add cluster' }).click();
    await page.getByLabel('Cluster name').fill('DEMO');
    await page.getByLabel('API URL').fill(demo.server);
    await page.getByRole('alert').getByText('A cluster named "demo" already exists. Choose another name.').waitFor();
    await expect(page.getByRole('button', { name: 'Next' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Cluster name').fill('demo-eu');
    await expect(page.getByText(/already exists/).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Next' }).isDisabled()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a kubeconfig context named like a saved cluster is flagged, and its import starts at the name', async () => {
    const { page } = s;
    const file = path.join(s.dataDir, 'named-demo.kubeconfig');
    const text = fs.readFileSync(demo.kubeconfigPath, 'utf8').replaceAll('strongroom-demo@strongroom-sandbox', 'demo');
    fs.writeFileSync(file, text, { mode: 0o600 });
    await page.getByRole('button', { name: 'Import from kubeconfig' }).click();
    await page.getByLabel('kubeconfig file').setInputFiles(file);
    await page
      .getByText('A cluster named "demo" already exists: importing it starts at its name, to rename it.')
      .waitFor();
    await page.getByRole('button', { name: 'Import demo' }).click();
    await page.getByRole('alert').getByText('A cluster named "demo" already exists. Choose another name.').waitFor();
    await expect(page.getByLabel('Cluster name').inputValue()).resolves.toBe('demo');
    await page.getByLabel('Cluster name').fill('demo-imported');
    await expect(page.getByText(/already exists/).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Next' }).isDisabled()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('the audit export says which filter applies, and exports what is shown', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit6');
    const scope = page.getByTestId('audit-export-scope');
    await expect(scope.textContent()).resolves.toBe('Exports the whole log (no filter).');
    await page.getByLabel('Outcome').selectOption('ok');
    await scope.getByText(/^Exports the \d+ events shown \(filter: outcome ok\)\.$/).waitFor();
    // Browser mode: the page proposes a name only; the export arrives as a download.
    await expect(page.getByLabel('Export file name').inputValue()).resolves.toMatch(/^audit-\d{4}-\d{2}-\d{2}\.jsonl$/);
    await page.getByLabel('Export file name').fill('shown.jsonl');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('shown.jsonl');
    const file = path.join(s.dataDir, 'shown.jsonl');
    await download.saveAs(file);
    await page.getByText(/Downloaded \d+ matching events as shown\.jsonl/).waitFor();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => (JSON.parse(line) as { outcome: string }).outcome === 'ok')).toBe(true);
  });
});
