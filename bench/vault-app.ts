// An in-process app over a fresh vault in a temp dir, for the benches that time a channel (overview, suggest).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../src/main/app';
import { silentLogger } from '../src/main/log';
import { MemoryKeyStore } from '../src/main/vault/keystore';
import { type ValueCall, valueCall } from '../test/support/app-call';

export const BENCH_PASSPHRASE = 'bench passphrase 1234';

/**
 * Runs `use` with an app whose vault is initialised (passphrase only) and unlocked; `must` calls a
 * channel and throws on an error. The app is closed and its directory removed afterwards.
 */
export async function withVaultApp<T>(name: string, use: (app: App, must: ValueCall) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `strongroom-bench-${name}-`));
  const app = await createApp({ dataDir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  const must = valueCall(app);
  try {
    await must('vault:init', { passphrase: BENCH_PASSPHRASE, useKeychain: false });
    return await use(app, must);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
