// e2e: in the dark theme, native controls (date, file picker, checkbox, select) are drawn dark, not as light islands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

/** Relative luminance (0 black … 1 white) of a computed `rgb(…)`/`rgba(…)` colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

describe('dark native controls in Chromium', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSession({ passphrase: TEST_PASSPHRASE });
    await s.page.emulateMedia({ colorScheme: 'dark' });
  });

  afterAll(async () => {
    await s?.close();
  });

  /** The computed colour scheme, background and accent of the first element matching `selector`, and of its file button. */
  async function look(selector: string) {
    return s.page
      .locator(selector)
      .first()
      .evaluate((el) => {
        const style = getComputedStyle(el);
        const button = getComputedStyle(el, '::file-selector-button');
        return {
          scheme: style.colorScheme,
          background: style.backgroundColor,
          accent: style.accentColor,
          buttonBackground: button.backgroundColor,
        };
      });
  }

  it('date inputs and selects on the Audit view are dark, with a dark background', async () => {
    await s.page.keyboard.press('Alt+Digit6');
    await s.page.getByRole('heading', { level: 1, name: 'Audit', exact: true }).waitFor();
    for (const selector of ['input[type="date"]', 'select']) {
      const control = await look(selector);
      expect(control.scheme, selector).toBe('dark');
      expect(luminance(control.background), selector).toBeLessThan(0.05);
    }
  });

  it('the file picker and its button on Offline review are dark', async () => {
    await s.page.keyboard.press('Alt+Digit7');
    await s.page.getByRole('heading', { level: 1, name: 'Offline review', exact: true }).waitFor();
    const file = await look('input[type="file"]');
    expect(file.scheme).toBe('dark');
    expect(luminance(file.background)).toBeLessThan(0.05);
    expect(luminance(file.buttonBackground)).toBeLessThan(0.05);
  });

  it('the theme radios on Settings take the dark scheme and the theme accent', async () => {
    await s.page.keyboard.press('Alt+Digit8');
    await s.page.getByRole('heading', { level: 1, name: 'Settings', exact: true }).waitFor();
    const accent = await s.page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--accent)';
      document.body.append(probe);
      const color = getComputedStyle(probe).color;
      probe.remove();
      return color;
    });
    const radio = await look('input[type="radio"]');
    expect(radio.scheme).toBe('dark');
    expect(radio.accent).toBe(accent);
  });
});
