// Starts the real app graph behind the browser harness and drives it with Debian Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type App, type AppConfig, createApp } from '../../src/main/app';
import { type Harness, startHarness } from '../../src/main/harness/server';
import { silentLogger } from '../../src/main/log';

export const CHROMIUM = process.env.STRONGROOM_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

export interface E2eSession {
  app: App;
  harness: Harness;
  browser: Browser;
  page: Page;
  dataDir: string;
  /** Screenshot for a human to look at; goes to .test-reports/screens. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface SessionOptions extends Partial<AppConfig> {
  /** Creates (and so unlocks) the vault with this passphrase before the page opens. */
  passphrase?: string;
}

export const TEST_PASSPHRASE = 'correct horse battery staple';

export async function startSession(options: SessionOptions = {}): Promise<E2eSession> {
  const { passphrase, ...overrides } = options;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-e2e-'));
  const app = await createApp({ dataDir, shell: 'browser', log: silentLogger(), ...overrides });
  if (passphrase) {
    const init = await app.call('vault:init', { passphrase, useKeychain: false });
    if (!init.ok) throw new Error(`vault:init failed: ${init.error.message}`);
  }
  const harness = await startHarness({ app, rendererDir: RENDERER_DIR });
  const browser = await launchBrowser();
  // A context of its own (not browser.newPage) so that axe-core can open its helper page in it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(harness.url);
  // With a vault, wait for the app shell so that a first key press is not lost on the loading screen.
  if (passphrase) await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  return {
    app,
    harness,
    browser,
    page,
    dataDir,
    async shot(name) {
      const dir = path.resolve(import.meta.dirname, '../../.test-reports/screens');
      fs.mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, `${name}.png`) });
    },
    async close() {
      await browser.close();
      await harness.close();
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
    },
  };
}
