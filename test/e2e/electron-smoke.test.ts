// e2e: the real Electron app — the live page's globals, one channel through the preload, refused navigation and window.open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const ELECTRON_DIST = path.join(root, 'node_modules/electron/dist');
const hasElectron = fs.existsSync(ELECTRON_DIST);
/** A loopback address nothing listens on: a navigation that got through would still contact no remote host. */
const ELSEWHERE = 'http://127.0.0.1:9/';

describe.skipIf(!hasElectron)(
  `Electron smoke test${hasElectron ? '' : ' (skipped: node_modules/electron/dist is missing, the binary was not downloaded)'}`,
  () => {
    let electron: ElectronApplication;
    let page: Page;
    let dataDir: string;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-electron-'));
      const executablePath = path.join(
        ELECTRON_DIST,
        process.platform === 'darwin'
          ? 'Electron.app/Contents/MacOS/Electron'
          : process.platform === 'win32'
            ? 'electron.exe'
            : 'electron',
      );
      electron = await _electron.launch({
        executablePath,
        args: [path.join(root, 'out/main/index.js')],
        env: { ...process.env, STRONGROOM_DATA_DIR: dataDir, STRONGROOM_DEMO: '0' },
      });
      page = await electron.firstWindow();
      await page.waitForLoadState('domcontentloaded');
    });

    afterAll(async () => {
      await electron?.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('gives the live page no Node globals, only the two-method bridge, and no devtools', async () => {
      // Electron no longer reports a window's webPreferences, so the live page is checked from inside.
      const inside = await page.evaluate(() => {
        const g = globalThis as Record<string, unknown>;
        return { require: typeof g.require, process: typeof g.process, bridge: Object.keys(g.strongroom ?? {}).sort() };
      });
      expect(inside).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
      const windows = await electron.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((w) => ({ devTools: w.webContents.isDevToolsOpened() })),
      );
      expect(windows).toEqual([{ devTools: false }]);
    });

    it('answers one channel through the preload', async () => {
      const reply = await page.evaluate(() =>
        (
          globalThis as unknown as { strongroom: { invoke(c: string, p: unknown): Promise<unknown> } }
        ).strongroom.invoke('app:info', {}),
      );
      expect(reply).toMatchObject({ ok: true, value: { shell: 'electron' } });
    });

    it('refuses navigation away from the app and window.open', async () => {
      const before = page.url();
      const opened = await page.evaluate((url) => globalThis.open(url) === null, ELSEWHERE);
      expect(opened).toBe(true);
      await page.evaluate((url) => {
        globalThis.location.href = url;
      }, ELSEWHERE);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(page.url()).toBe(before);
      expect(electron.windows()).toHaveLength(1);
    });
  },
);
