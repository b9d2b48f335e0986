// An app with an initialised vault next to the test cluster, and a helper that unwraps channel results.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { type ValueCall, valueCall } from '../../support/app-call';
import { getTestCluster, type TestCluster } from '../../support/cluster';

export const PASSPHRASE = 'correct horse battery staple';

export interface ClusterAppHarness {
  cluster: TestCluster;
  app: App;
  dir: string;
  /** Calls a channel and returns its value, or throws with its error code and message. */
  value: ValueCall;
  close(): Promise<void>;
}

export async function clusterApp(): Promise<ClusterAppHarness> {
  const cluster = await getTestCluster();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-clusters-'));
  const app = await createApp({ dataDir: dir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  const value = valueCall(app);
  await value('vault:init', { passphrase: PASSPHRASE, useKeychain: false });
  return {
    cluster,
    app,
    dir,
    value,
    async close() {
      await app.close();
      await cluster.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
