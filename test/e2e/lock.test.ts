// e2e: the visible Lock button, the lock screen's reason, focus on the passphrase after a lock and a failed unlock, Settings' confirmation.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

/** The focused field's name: its aria-label, or the text of its label (fields are named by their visible labels). */
const focusedName = (s: E2eSession) =>
  s.page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent?.trim() ?? null;
  });

describe('locking in Chromium', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSession({ passphrase: TEST_PASSPHRASE });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('locks from the sidebar button, says why, and puts focus on the passphrase', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'The vault is locked' }).waitFor();
    await expect(page.getByTestId('lock-reason').textContent()).resolves.toBe('Locked by you.');
    await expect.poll(() => focusedName(s)).toBe('Passphrase');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  it('brings focus back to the passphrase after a wrong one', async () => {
    const { page } = s;
    await page.keyboard.type('not the passphrase');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').first().waitFor();
    await expect.poll(() => focusedName(s)).toBe('Passphrase');
    await page.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  });

  it('confirms a saved auto-lock time in Settings', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit8');
    await page.getByLabel('Auto-lock minutes').fill('7');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText('Saved: the vault locks after 7 min without use.').waitFor();
  });

  it('says the vault locked after the idle time', async () => {
    const { page } = s;
    const minutes = (await s.app.call('vault:status', {})) as { ok: true; value: { autoLockMinutes: number } };
    s.app.vault.lock('idle');
    await page.getByRole('heading', { level: 1, name: 'The vault is locked' }).waitFor();
    await expect(page.getByTestId('lock-reason').textContent()).resolves.toBe(
      `Locked after ${minutes.value.autoLockMinutes} min without activity.`,
    );
  });
});
