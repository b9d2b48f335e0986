// e2e: the command palette highlights the selected option, and the highlight follows the arrow keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

describe('command palette in Chromium', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSession({ passphrase: TEST_PASSPHRASE });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('paints the selected option differently from the others, and moves it with ArrowDown', async () => {
    const { page } = s;
    await page.keyboard.press('Control+k');
    const options = page.getByRole('dialog', { name: 'Command palette' }).getByRole('option');
    await options.nth(1).waitFor();
    const background = (index: number) => options.nth(index).evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect(options.nth(0).getAttribute('aria-selected')).resolves.toBe('true');
    const selected = await background(0);
    const other = await background(1);
    expect(selected).not.toBe(other);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => background(1)).toBe(selected);
    await expect.poll(() => background(0)).toBe(other);
    await page.keyboard.press('Escape');
  });
});
