// Main decides where exports start and tells the page through app:info: Downloads or home, never the data dir.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { valueCall } from '../../support/app-call';

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('app:info exportFolder', () => {
  it('is the Downloads folder main found, not the data dir', async () => {
    const home = tempDir('sr-home-');
    fs.mkdirSync(path.join(home, 'Downloads'));
    const dataDir = tempDir('sr-data-');
    const app = await createApp({
      dataDir,
      shell: 'test',
      log: silentLogger(),
      keyStore: new MemoryKeyStore(),
      exportFolder: { home, xdgDownload: () => undefined },
    });
    const info = await valueCall(app)('app:info', {});
    expect(info.exportFolder).toBe(path.join(home, 'Downloads'));
    await app.close();
  });

  it('defaults to an existing folder of the user’s on this machine, outside the data dir', async () => {
    const dataDir = tempDir('sr-data-');
    const app = await createApp({ dataDir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
    const { exportFolder } = await valueCall(app)('app:info', {});
    expect(path.isAbsolute(exportFolder)).toBe(true);
    expect(fs.statSync(exportFolder).isDirectory()).toBe(true);
    expect(exportFolder.startsWith(dataDir)).toBe(false);
    await app.close();
  });
});
