// e2e: first run, lock, a wrong passphrase, unlock, auto-lock on a fake clock, and the audit trail of it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/clock';
import { type E2eSession, startSession } from './support';

const PASSPHRASE = 'e2e vault passphrase 42';

describe('vault in Chromium', () => {
  let s: E2eSession;
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    s = await startSession({ clock });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('first run asks for a passphrase and creates the vault', async () => {
    const { page } = s;
    await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
    await page.getByLabel('Passphrase (at least 8 characters)').fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill('something else');
    await expect(page.getByText('The two passphrases differ.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await s.shot('vault-first-run');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  });

  it('locks with Ctrl+L and refuses a wrong passphrase with a clear error', async () => {
    const { page } = s;
    await page.keyboard.press('Control+l');
    await page.getByRole('heading', { name: 'The vault is locked' }).waitFor();
    await page.getByLabel('Passphrase').fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/passphrase/i);
    await s.shot('vault-wrong-passphrase');
  });

  it('unlocks with the right passphrase', async () => {
    const { page } = s;
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  });

  it('locks by itself after the idle time', async () => {
    const { page } = s;
    clock.advance(16 * 60_000);
    await page.getByRole('heading', { name: 'The vault is locked' }).waitFor();
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  });

  it('shows all of that in the Audit view, and the chain verifies', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit6');
    const rows = page.getByTestId('audit-rows');
    await rows.getByText('vault.init').first().waitFor();
    const text = (await rows.textContent()) ?? '';
    expect(text).toContain('vault.lock');
    expect(text).toContain('wrong_passphrase');
    expect(text).toContain('vault.unlock');
    expect((text.match(/vault\.lock/g) ?? []).length).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Chain' }).textContent()).resolves.toMatch(/Chain intact/);
    await page.getByLabel('Outcome').selectOption('failed');
    await expect(rows.getByText('vault.init').count()).resolves.toBe(0);
    await s.shot('audit-view');
  });

  it('changes the auto-lock time and the passphrase in Settings', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit8');
    await page.getByLabel('Auto-lock minutes').fill('5');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).isDisabled();
    await page.getByLabel('Current passphrase').fill(PASSPHRASE);
    await page.getByLabel('New passphrase (at least 8 characters)').fill(`${PASSPHRASE} v2`);
    await page.getByLabel('Repeat the new passphrase').fill(`${PASSPHRASE} v2`);
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await page.getByText('Passphrase changed.').waitFor();
    await s.shot('settings');
    clock.advance(6 * 60_000);
    await page.getByRole('heading', { name: 'The vault is locked' }).waitFor();
    await page.getByLabel('Passphrase').fill(`${PASSPHRASE} v2`);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  });
});
