// bench:sync — a no-change sync vs a full fetch of 10k Secrets, in the running app: on a still cluster, then on a busy one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { createApp } from '../src/main/app';
import { silentLogger } from '../src/main/log';
import { MemoryKeyStore } from '../src/main/vault/keystore';
import type { SyncReport } from '../src/shared/ipc/sync';
import { valueCall } from '../test/support/app-call';
import { median, N, ROUNDS, setup } from './fetch';
import { report } from './report';

/** A job's own duration, from the report's start and finish (in-process, as the issue measures it). */
const seconds = (r: SyncReport) => (r.finishedAt - r.startedAt) / 1000;

/**
 * Writes that move the cluster's resourceVersion without touching a Secret, as leader-election Leases and
 * node heartbeats do on a real cluster (kube-controller-manager and kube-scheduler renew every 2 s).
 */
function controlPlaneBeats(kc: KubeConfig): { stop(): void; beats(): number } {
  const core = kc.makeApiClient(CoreV1Api);
  let beats = 0;
  let stopped = false;
  const round = randomBytes(4).toString('hex');
  const beat = async () => {
    while (!stopped) {
      const name = `bench-heartbeat-${round}-${beats}`;
      await core.createNamespacedConfigMap({ namespace: 'kube-system', body: { metadata: { name } } });
      beats++;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  beat().catch((error: unknown) => {
    process.stderr.write(`heartbeat writes stopped: ${(error as Error).message}\n`);
  });
  return { stop: () => (stopped = true), beats: () => beats };
}

async function main(): Promise<void> {
  const b = await setup();
  const runs = { fetch: [] as number[], idle: [] as number[], busy: [] as number[], listed: [] as number[] };
  const kc = new KubeConfig();
  kc.loadFromFile(b.kubeconfig);
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'strongroom-bench-sync-'));
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
      const expectNoChange = (r: SyncReport, via: SyncReport['via'], what: string) => {
        if (r.totals.unchanged < N || r.totals.added + r.totals.changed + r.totals.deleted > 0 || r.via !== via)
          throw new Error(
            `${what}: expected a no-change sync via ${via}, got ${JSON.stringify({ ...r.totals, via: r.via })}`,
          );
      };
      try {
        await app.call('vault:init', { passphrase: 'bench passphrase 1234', useKeychain: false });
        const fetch = await call('sync:fetch', { clusterId: 'bench' });
        if (fetch.totals.added < N) throw new Error(`fetched ${fetch.totals.added} Secrets, expected ${N}`);
        const idle = await call('sync:sync', { clusterId: 'bench' });
        expectNoChange(idle, 'resourceVersion', 'still cluster');
        const beats = controlPlaneBeats(kc);
        let busy: SyncReport;
        try {
          const moved = beats.beats() + 2;
          while (beats.beats() < moved) await new Promise((resolve) => setTimeout(resolve, 20));
          busy = await call('sync:sync', { clusterId: 'bench' });
          expectNoChange(busy, 'watch', 'busy cluster');
          // The fallback when the last sync is too old to resume a watch from (410): the metadata-only list.
          app.vault.db().prepare('DELETE FROM sync_state').run();
          const listed = await call('sync:sync', { clusterId: 'bench' });
          expectNoChange(listed, 'list', 'busy cluster, no resume point');
          runs.listed.push(seconds(listed));
        } finally {
          beats.stop();
        }
        runs.fetch.push(seconds(fetch));
        runs.idle.push(seconds(idle));
        runs.busy.push(seconds(busy));
        process.stderr.write(
          `round ${i + 1}: fetch ${seconds(fetch).toFixed(3)} s; no-change sync: still ${seconds(idle).toFixed(3)} s, busy ${seconds(busy).toFixed(3)} s (watch), busy without a resume point ${runs.listed.at(-1)?.toFixed(3)} s (metadata list)\n`,
        );
      } finally {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    process.stderr.write(
      `metadata-list no-change sync / fetch: ${(median(runs.listed) / median(runs.fetch)).toFixed(3)}\n`,
    );
    const rss_mb = Math.round(process.memoryUsage().rss / 1e6);
    report({ bench: 'sync-idle', n: N, ours_s: median(runs.idle), ref_s: median(runs.fetch), rss_mb });
    report({ bench: 'sync-busy', n: N, ours_s: median(runs.busy), ref_s: median(runs.fetch), rss_mb });
  } finally {
    b.close();
  }
}

await main();
