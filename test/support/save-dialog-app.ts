// An app over a fresh vault whose save dialog answers what the test sets: the fixture of the export destination tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../src/main/app';
import { silentLogger } from '../../src/main/log';
import { MemoryKeyStore } from '../../src/main/vault/keystore';

export interface SaveDialogApp {
  app: App;
  /** A temp dir for the test's files; the vault lives in `data/` below it. */
  dir: string;
  /** The names the save dialog was opened with, in order. */
  asked: string[];
  /** What the save dialog answers next; undefined is a cancel. */
  answer: string | undefined;
  close(): Promise<void>;
}

/** Creates the app and its vault (passphrase only, unlocked). */
export async function saveDialogApp(prefix: string, passphrase: string): Promise<SaveDialogApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `strongroom-${prefix}-`));
  const t: Omit<SaveDialogApp, 'app'> = {
    dir,
    asked: [],
    answer: undefined,
    async close() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  const app = await createApp({
    dataDir: path.join(dir, 'data'),
    shell: 'test',
    log: silentLogger(),
    keyStore: new MemoryKeyStore(),
    saveDialog: async (suggested) => {
      t.asked.push(suggested);
      return t.answer;
    },
  });
  const init = await app.dispatch('vault:init', { passphrase, useKeychain: false }, { transport: 'test' });
  if (!init.ok) throw new Error(`vault:init: ${init.error.code}: ${init.error.message}`);
  return Object.assign(t, { app });
}
