// e2e: the app shell in Chromium through the harness — sections by keyboard, palette, refused tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/renderer/sections';
import { type E2eSession, launchBrowser, startSession, TEST_PASSPHRASE } from './support';

describe('app shell in Chromium', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSession({ passphrase: TEST_PASSPHRASE });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('opens on the Overview section with the sidebar', async () => {
    await s.page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await s.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await s.shot('shell-clusters');
  });

  it('reaches every section with the keyboard (Alt+digit and arrow keys)', async () => {
    for (const section of SECTIONS) {
      await s.page.keyboard.press(`Alt+Digit${section.digit}`);
      await s.page.getByRole('heading', { level: 1, name: section.label, exact: true }).waitFor();
    }
    await s.page.keyboard.press('Alt+Digit1');
    await s.page.getByRole('button', { name: /Clusters/ }).focus();
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('heading', { level: 1, name: 'Resources' }).waitFor();
  });

  it('opens the command palette with Ctrl+K and runs a command', async () => {
    await s.page.keyboard.press('Control+k');
    const palette = s.page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await s.page.keyboard.type('go aud');
    await s.shot('palette');
    await s.page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await s.page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
  });

  it('reconnects after a reload with the resume secret its previous connection got', async () => {
    await s.page.reload();
    await s.page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await s.page.keyboard.press('Control+k');
    await s.page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await s.page.keyboard.press('Escape');
  });

  it('refuses a second use of the link, and a wrong token', async () => {
    const other = await launchBrowser();
    try {
      for (const url of [s.harness.url, `${s.harness.origin}/#token=wrong`]) {
        const page = await other.newPage();
        await page.goto(url);
        await page.getByRole('alert').waitFor();
        await expect(page.getByRole('alert').textContent()).resolves.toContain('refused this link');
        await page.close();
      }
    } finally {
      await other.close();
    }
  });
});
