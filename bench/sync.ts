// bench:sync — a no-change sync vs a full fetch of 10k Secrets, in the running app: on a still cluster, then on a busy one.
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

interface Phase {
  fetch: number[];
  sync: number[];
  /** Busy only: the same sync without a point to resume a watch from (the metadata-list fallback after 410). */
  listed: number[];
}

/** Waits until the cluster's resourceVersion has moved past `rv` (the background Lease renewals, every 2 s). */
async function untilMoved(kc: KubeConfig, rv: string): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  for (let i = 0; i < 100; i++) {
    const list = await core.listNamespacedSecret({ namespace: 'kube-system', limit: 1 });
    if (list.metadata?.resourceVersion !== rv) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the resourceVersion did not move: are the sandbox background writes on?');
}

/** ROUNDS of fetch then no-change sync, each in a fresh vault, against a sandbox still (`busy` false) or busy. */
async function phase(busy: boolean): Promise<Phase> {
  const b = await setup({ backgroundWrites: busy });
  const out: Phase = { fetch: [], sync: [], listed: [] };
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
      const noChange = async (via: SyncReport['via']) => {
        const r = await call('sync:sync', { clusterId: 'bench' });
        if (r.totals.unchanged < N || r.totals.added + r.totals.changed + r.totals.deleted > 0 || r.via !== via)
          throw new Error(`expected a no-change sync via ${via}, got ${JSON.stringify({ ...r.totals, via: r.via })}`);
        return r;
      };
      try {
        await app.call('vault:init', { passphrase: 'bench passphrase 1234', useKeychain: false });
        const fetch = await call('sync:fetch', { clusterId: 'bench' });
        if (fetch.totals.added < N) throw new Error(`fetched ${fetch.totals.added} Secrets, expected ${N}`);
        const stored = app.vault.db().prepare('SELECT list_rv FROM sync_state').pluck().get() as string;
        if (busy) await untilMoved(kc, stored);
        const sync = await noChange(busy ? 'watch' : 'resourceVersion');
        out.fetch.push(seconds(fetch));
        out.sync.push(seconds(sync));
        let note = '';
        if (busy) {
          app.vault.db().prepare('DELETE FROM sync_state').run();
          const listed = await noChange('list');
          out.listed.push(seconds(listed));
          note = `; without a resume point (metadata list) ${seconds(listed).toFixed(3)} s`;
        }
        process.stderr.write(
          `${busy ? 'busy' : 'still'} round ${i + 1}: fetch ${seconds(fetch).toFixed(3)} s, no-change sync ${seconds(sync).toFixed(3)} s via ${sync.via}${note}\n`,
        );
      } finally {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    b.close();
  }
  return out;
}

async function main(): Promise<void> {
  const idle = await phase(false);
  const busy = await phase(true);
  process.stderr.write(
    `busy, metadata-list no-change sync / fetch: ${(median(busy.listed) / median(busy.fetch)).toFixed(3)}\n`,
  );
  const rss_mb = Math.round(process.memoryUsage().rss / 1e6);
  report({ bench: 'sync-idle', n: N, ours_s: median(idle.sync), ref_s: median(idle.fetch), rss_mb });
  report({ bench: 'sync-busy', n: N, ours_s: median(busy.sync), ref_s: median(busy.fetch), rss_mb });
}

await main();
