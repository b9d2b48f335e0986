// A kill -9 of a CLI fetch mid-run leaves the vault consistent (each namespace whole or absent), and the next sync completes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import type { ClusterSummary } from '../../../src/shared/clusters';
import type { SyncReport } from '../../../src/shared/ipc/sync';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { clusterSecretNames, expectWholeOrAbsent } from './harness';

const PASS = 'kill test passphrase';
let cluster: TestCluster;
let dir: string;
const namespaces: string[] = [];

function cli(args: string[]) {
  return spawn(process.execPath, ['bin/strongroom.mjs', '--data-dir', dir, ...args], {
    env: { ...process.env, STRONGROOM_PASSPHRASE: PASS },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function cliOk(args: string[]): Promise<void> {
  const child = cli(args);
  let err = '';
  child.stderr?.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`strongroom ${args[0]} exited ${code}: ${err}`);
}

beforeAll(async () => {
  cluster = await getTestCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-kill-'));
  for (let i = 0; i < 8; i++) {
    const ns = cluster.uniqueName(`kill${i}`);
    namespaces.push(ns);
    await cluster.kubectl(['create', 'namespace', ns]);
    const docs = Array.from({ length: 20 }, (_, j) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `s-${j}`, namespace: ns },
        data: { v: Buffer.from(`v${j}`).toString('base64') },
      }),
    );
    const r = await cluster.kubectl(['apply', '-f', '-'], { input: docs.join('\n') });
    if (r.code !== 0) throw new Error(r.stderr);
  }
  if (!cluster.adminToken) throw new Error('this test needs a token-based kubeconfig');
  await cliOk(['init', '--no-keychain']);
  await cliOk(['cluster', 'import-kubeconfig', cluster.writeKubeconfig(cluster.adminToken, 'kill'), '--name', 'kill']);
}, 120_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ...namespaces, '--wait=false']);
  await cluster?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('kill -9 mid-fetch: every namespace is whole or absent, and sync and fetch then complete', async () => {
  cluster.sandbox?.faults.set({ latencyMs: 250 });
  const child = cli(['fetch', 'kill', ...namespaces.flatMap((ns) => ['--namespace', ns])]);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // Once the WAL has grown past the unlock's own writes, at least one namespace is being written.
  const wal = path.join(dir, 'vault.db-wal');
  const start = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  let running = true;
  void exited.then(() => (running = false));
  while (running && !(fs.existsSync(wal) && fs.statSync(wal).size > start + 64 * 1024))
    await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  await exited;
  cluster.sandbox?.faults.reset();

  const app = await createApp({ dataDir: dir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  try {
    const call = async <T>(name: string, payload: unknown): Promise<T> => {
      const r = await app.call(name, payload);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    await call('vault:unlock', { method: 'passphrase', passphrase: PASS });
    const [saved] = await call<ClusterSummary[]>('clusters:list', {});
    const db = app.vault.db();
    const states: string[] = [];
    for (const ns of namespaces)
      states.push(expectWholeOrAbsent(db, saved?.id ?? '', ns, await clusterSecretNames(cluster, ns)));
    // With the sandbox's latency the kill lands mid-run; a fast real cluster may have finished first.
    if (cluster.isSandbox) expect(states).toContain('absent');
    const sync = await call<SyncReport>('sync:sync', { clusterId: saved?.id });
    expect(sync.totals.failed).toBe(0);
    const fetch = await call<SyncReport>('sync:fetch', { clusterId: saved?.id, namespaces });
    expect(fetch.totals.failed).toBe(0);
    for (const ns of namespaces) {
      expect(expectWholeOrAbsent(app.vault.db(), saved?.id ?? '', ns, await clusterSecretNames(cluster, ns))).toBe(
        'whole',
      );
    }
  } finally {
    await app.close();
  }
});
