// e2e: axe-core over every main view in light and dark, with the demo fetched and a Secret's detail open.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { SECTIONS } from '../../src/renderer/sections';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

/** One line per violation: where, which rule, its impact and the first offending nodes. */
function describeViolations(where: string, violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) {
  return violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

describe('accessibility (axe-core) in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: { bulk: 20, namespaces: 2 } });
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    const { token } = await provisionServiceAccount(admin, { variant: 'read-write' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'demo', server: sandbox.url, caPem: sandbox.caPem, token },
    });
    const connected = await s.app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
    await s.page.keyboard.press('Alt+Digit2');
    await s.page.getByRole('button', { name: 'Fetch all namespaces' }).click();
    await s.page.getByTestId('sync-report').waitFor({ timeout: 120_000 });
    // A rotatable account (only stored: nothing connects to it) so the Rotation view shows its table and panels.
    const target = { name: 'demo-db', host: '127.0.0.1', port: 5432, tlsMode: 'disable' as const };
    const added = await s.app.call('targets:addPostgres', { ...target, adminUser: 'postgres', adminPassword: 'x' });
    if (!added.ok) throw new Error(added.error.message);
    const account = await s.app.call('targets:addAccount', { resource: 'demo-db', account: 'app', password: 'y' });
    if (!account.ok) throw new Error(account.error.message);
  });

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  it('finds no violation of any impact on any main view, in light and dark', async () => {
    const { page } = s;
    const found: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const section of SECTIONS) {
        await page.keyboard.press(`Alt+Digit${section.digit}`);
        await page.getByRole('heading', { level: 1, name: section.label, exact: true }).waitFor();
        if (section.id === 'resources') {
          await page.getByTestId('account-rows').locator('[role="row"]').first().click();
        }
        // label-content-name-mismatch is experimental in axe and off by default: an accessible name must hold the visible label.
        const axe = () =>
          new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
        if (section.id === 'rotation') {
          await page.getByRole('button', { name: 'Rotate now: demo-db/app' }).click();
          await page.getByText(/^This will write/).waitFor();
          const preview = await axe();
          found.push(...describeViolations(`${scheme}/rotation-preview`, preview.violations));
          await page.getByRole('button', { name: 'Policy and schedule of demo-db/app' }).click();
          await page.getByRole('region', { name: 'Policy and schedule of demo-db/app' }).waitFor();
        }
        const result = await axe();
        found.push(...describeViolations(`${scheme}/${section.id}`, result.violations));
      }
    }
    expect(found).toEqual([]);
  }, 600_000);
});
