// e2e: every control's accessible name holds its visible label (WCAG 2.5.3), on each view, the cluster wizard and a Secret's detail.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { SECTIONS } from '../../src/renderer/sections';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

/**
 * Controls named by aria-label or aria-labelledby whose name does not contain the text a sighted user reads
 * as their label (a wrapping or `for` label, or a button's own text). axe's `label-content-name-mismatch`
 * checks only widgets named from content (buttons, links), not form fields.
 */
function mismatches(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const norm = (t: string) =>
      t
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    // The label's own words: without the text of the control inside it (a select's options).
    const labelText = (label: HTMLElement) => {
      const copy = label.cloneNode(true) as HTMLElement;
      for (const control of copy.querySelectorAll('input, select, textarea')) control.remove();
      return copy.textContent ?? '';
    };
    const found: string[] = [];
    for (const d of document.querySelectorAll('details')) d.open = true;
    for (const el of document.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]')) {
      if (!el.checkVisibility()) continue;
      const ids = el.getAttribute('aria-labelledby');
      const name =
        el.getAttribute('aria-label') ??
        (ids
          ? ids
              .split(/\s+/)
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' ')
          : null);
      if (name === null) continue; // named by its own label or text, so name and label are one
      const label =
        el.closest('label') ?? (el.id ? document.querySelector<HTMLElement>(`label[for="${el.id}"]`) : null);
      const visible = el.matches('button, a') ? el.innerText : label ? labelText(label) : '';
      if (norm(visible) && !norm(name).includes(norm(visible))) {
        found.push(`${el.tagName.toLowerCase()} shows "${visible.trim().slice(0, 60)}" but is named "${name}"`);
      }
    }
    return found;
  });
}

describe('accessible names hold the visible labels', () => {
  let s: E2eSession;
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    const demo = await provisionServiceAccount(admin, { variant: 'read-write', namespace: 'strongroom-demo' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'demo', server: sandbox.url, caPem: sandbox.caPem, token: demo.token },
    });
    const connected = await s.app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
  });

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  async function check(where: string): Promise<string[]> {
    const axe = await new AxeBuilder({ page: s.page }).withRules(['label-content-name-mismatch']).analyze();
    const fromAxe = axe.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}`));
    return [...fromAxe, ...(await mismatches(s.page))].map((m) => `${where}: ${m}`);
  }

  it('on every main view, the cluster wizard and a Secret detail', async () => {
    const { page } = s;
    const found: string[] = [];
    for (const section of SECTIONS) {
      await page.keyboard.press(`Alt+Digit${section.digit}`);
      await page.getByRole('heading', { level: 1, name: section.label, exact: true }).waitFor();
      if (section.id === 'resources') {
        await page.getByRole('button', { name: 'Fetch all namespaces' }).click();
        await page.getByTestId('sync-report').waitFor({ timeout: 120_000 });
        await page.getByTestId('account-rows').locator('[role="row"]').first().click();
        await page.getByRole('region', { name: 'Consumers' }).waitFor();
      }
      found.push(...(await check(section.id)));
    }
    await page.keyboard.press('Alt+Digit1');
    await page.getByRole('button', { name: 'Add cluster' }).click();
    found.push(...(await check('wizard: name')));
    await page.getByLabel('Cluster name').fill('names');
    await page.getByLabel('API URL').fill(sandbox.url);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio').first().waitFor();
    for (const radio of await page.getByRole('radio').all()) {
      await radio.check();
      found.push(...(await check(`wizard: certificate (${await radio.evaluate((r) => r.parentElement?.innerText)})`)));
    }
    expect(found).toEqual([]);
  }, 300_000);
});
