// e2e, keyboard only: first run → the demo → fetch → the Resources grid → a Secret from the palette → reveal → copy → lock.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type E2eSession, startSession } from './support';

const PASSPHRASE = 'keyboard only passphrase';

/** What has the focus, as a user would name it: role, accessible label or text, and the region it sits in. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { role: 'body', label: '', region: '', row: null as string | null };
    const region = el.closest('[aria-label]:is(section, [role="grid"], [role="dialog"], aside)');
    return {
      role: el.getAttribute('role') ?? el.tagName.toLowerCase(),
      // The accessible name as a user meets it: aria-label, else the field's <label>, else the text.
      label:
        el.getAttribute('aria-label') ??
        (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ??
        el.textContent?.trim().slice(0, 80) ??
        '',
      region: region?.getAttribute('aria-label') ?? '',
      row: el.getAttribute('aria-rowindex'),
    };
  });
}

/** Presses Tab until `done` holds for the focus, at most `max` times; fails saying where the focus went instead. */
async function tabUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 60) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (done(f)) return f;
    seen.push(`${f.role}:${f.label}`);
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the target; focus went through: ${seen.join(' → ')}`);
}

async function paletteChoose(page: Page, query: string, expected: RegExp, shot?: () => Promise<void>) {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.waitFor();
  expect((await focused(page)).label).toBe('Command');
  await page.keyboard.type(query);
  // The first option (best ranked) is the highlighted one; wait for main's hits to arrive and rank.
  await expect
    .poll(() => palette.locator('[role="option"][aria-selected="true"]').textContent(), { timeout: 15_000 })
    .toMatch(expected);
  await shot?.();
  await page.keyboard.press('Enter');
  await palette.waitFor({ state: 'detached' });
}

describe('keyboard only, in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    const { token } = await provisionServiceAccount(admin, { variant: 'read-write' });
    s = await startSession({ demo: { name: 'demo', server: sandbox.url, caPem: sandbox.caPem, token } });
    await s.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.harness.origin });
  });

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  it('creates the vault from the keyboard, starting in the passphrase field', async () => {
    const { page } = s;
    await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
    await expect
      .poll(async () => (await focused(page)).label, { timeout: 15_000 })
      .toBe('Passphrase (at least 8 characters)');
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Tab');
    expect((await focused(page)).label).toBe('Repeat the passphrase');
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: 60_000 });
  });

  it('connects the demo from the palette, unless the first run already did', async () => {
    const { page } = s;
    // Give a first-run auto-connect a moment to land before deciding.
    await page.waitForTimeout(1500);
    const listed = await s.app.call('clusters:list', {});
    const connected = listed.ok && listed.value.length > 0;
    if (!connected) {
      await paletteChoose(page, 'connect demo', /Connect the demo cluster/);
      await page.getByText(/Connected the demo cluster/).waitFor({ timeout: 30_000 });
    }
    await expect
      .poll(async () => {
        const r = await s.app.call('clusters:list', {});
        return r.ok ? r.value.length : 0;
      })
      .toBe(1);
  });

  it('fetches the demo from the palette', async () => {
    const { page } = s;
    await paletteChoose(page, 'fetch all demo', /Fetch all namespaces of demo/);
    await page.getByText(/demo: fetch done/).waitFor({ timeout: 120_000 });
    await page.getByRole('heading', { level: 1, name: 'Resources' }).waitFor();
  });

  it('moves through the Resources grid with one Tab stop, arrows, Home/End, Enter and Esc', async () => {
    const { page } = s;
    const grid = page.getByRole('grid', { name: 'Accounts' });
    await grid.locator('[role="row"][aria-rowindex="3"]').waitFor();
    // One Tab stop for the whole table, not one per row.
    await expect(grid.locator('[tabindex="0"]').count()).resolves.toBe(1);
    const row = await tabUntil(page, (f) => f.region === 'Accounts' && f.role === 'row');
    expect(row.row).toBe('2');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).row).toBe('3');
    await page.keyboard.press('End');
    const last = Number((await focused(page)).row);
    expect(last).toBeGreaterThan(3);
    await page.keyboard.press('Home');
    expect((await focused(page)).row).toBe('2');
    await page.keyboard.press('ArrowDown');
    // Enter opens the row's detail, which takes the focus; Esc closes it and gives the focus back to the row.
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Account detail' }).waitFor();
    await expect.poll(async () => (await focused(page)).label, { timeout: 15_000 }).toBe('Account detail');
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'Account detail' }).waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ region: 'Accounts', role: 'row', row: '3' });
    // Tab leaves the grid at once: the rows are not a trail of Tab stops.
    await page.keyboard.press('Tab');
    expect((await focused(page)).region).not.toBe('Accounts');
  });

  it('finds a Secret from the palette, reveals and copies a value, and locks', async () => {
    const { page } = s;
    await paletteChoose(page, 'payments-db-readonly', /payments-db-readonly/, () => s.shot('keyboard-palette-secret'));
    const detail = page.getByRole('region', { name: 'Account detail' });
    await detail.getByRole('heading', { name: /payments-db-readonly/ }).waitFor();
    await expect.poll(async () => (await focused(page)).label, { timeout: 15_000 }).toBe('Account detail');
    // Esc returns to the Secret's own row (not the row last focused before the palette), and Enter reopens it.
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await focused(page)).label, { timeout: 15_000 }).toMatch(/^payments-db-readonly/);
    expect((await focused(page)).region).toBe('Accounts');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).label, { timeout: 15_000 }).toBe('Account detail');

    const reveal = await tabUntil(page, (f) => f.label === 'Reveal password', 40);
    expect(reveal.region).toMatch(/Secret|Account detail/);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Value of password' }).waitFor();
    // The Reveal button is gone; the focus is on Copy, not lost to the page body.
    await expect.poll(async () => (await focused(page)).label, { timeout: 15_000 }).toBe('Copy');
    await page.keyboard.press('Enter');
    await page.getByText(/Copied\. The clipboard is cleared/).waitFor();
    await s.shot('keyboard-revealed-copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.endsWith('\n')).toBe(true);
    expect(copied.trim().length).toBeGreaterThan(8);

    await page.keyboard.press('Control+l');
    await page.getByRole('heading', { name: 'The vault is locked' }).waitFor();
    await expect.poll(async () => (await focused(page)).label, { timeout: 15_000 }).toBe('Passphrase');
  });
});
