// bench:sync — a no-change re-sync vs the full fetch of 10k Secrets, in the running app (as the desktop and schedules run them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createApp } from '../src/main/app';
import { silentLogger } from '../src/main/log';
import { MemoryKeyStore } from '../src/main/vault/keystore';
import { valueCall } from '../test/support/app-call';
import { median, N, ROUNDS, setup } from './fetch';
import { report, timed } from './report';

async function main(): Promise<void> {
  const b = await setup();
  const fetches: number[] = [];
  const syncs: number[] = [];
  const metadataSyncs: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'strongroom-bench-sync-'));
      const kc = new KubeConfig();
      kc.loadFromFile(b.kubeconfig);
      const app = await createApp({
        dataDir: dir,
        shell: 'cli',
        log: silentLogger(),
        keyStore: new MemoryKeyStore(),
        clusterAccess: {
          kubeConfig: async () => kc,
          describe: () => ({ id: 'bench', name: 'bench', includeNamespaces: [], excludeNamespaces: [] }),
        },
      });
      const call = valueCall(app);
      try {
        await app.call('vault:init', { passphrase: 'bench passphrase 1234', useKeychain: false });
        const fetch = await timed(() => call('sync:fetch', { clusterId: 'bench' }));
        if (fetch.value.totals.added < N) throw new Error(`fetched ${fetch.value.totals.added} Secrets, expected ${N}`);
        const sync = await timed(() => call('sync:sync', { clusterId: 'bench' }));
        if (sync.value.totals.unchanged < N || !sync.value.shortCircuit)
          throw new Error('the re-sync was not a no-change sync');
        // A busy real cluster moves its resourceVersion all the time: then sync reads metadata only.
        app.vault.db().prepare('DELETE FROM sync_state').run();
        const meta = await timed(() => call('sync:sync', { clusterId: 'bench' }));
        if (meta.value.totals.unchanged < N || meta.value.shortCircuit)
          throw new Error('the metadata-only sync did not run');
        fetches.push(fetch.seconds);
        syncs.push(sync.seconds);
        metadataSyncs.push(meta.seconds);
        process.stderr.write(
          `round ${i + 1}: fetch ${fetch.seconds.toFixed(3)} s, no-change sync ${sync.seconds.toFixed(3)} s (resourceVersion short-circuit), metadata-only sync ${meta.seconds.toFixed(3)} s\n`,
        );
      } finally {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    process.stderr.write(
      `metadata-only no-change sync / fetch: ${(median(metadataSyncs) / median(fetches)).toFixed(3)}\n`,
    );
    report({
      bench: 'sync',
      n: N,
      ours_s: median(syncs),
      ref_s: median(fetches),
      rss_mb: Math.round(process.memoryUsage().rss / 1e6),
    });
  } finally {
    b.close();
  }
}

await main();
