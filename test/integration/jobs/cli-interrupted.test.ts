// A CLI fetch killed with SIGKILL mid-run is listed by `strongroom jobs list` as interrupted, and runs again to the end.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import type { JobSummary } from '../../../src/shared/ipc/jobs';
import { valueCall } from '../../support/app-call';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { cliOk, spawnCli } from '../sync/cli-child';
import { clusterSecretNames, expectWholeOrAbsent } from '../sync/harness';

const PASS = 'jobs kill test passphrase';
let cluster: TestCluster;
let dir: string;
const namespaces: string[] = [];

beforeAll(async () => {
  cluster = await getTestCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-jobs-kill-'));
  for (let i = 0; i < 8; i++) {
    const ns = cluster.uniqueName(`jobkill${i}`);
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
  await cliOk(dir, PASS, ['init', '--no-keychain']);
  await cliOk(dir, PASS, [
    'cluster',
    'import-kubeconfig',
    cluster.writeKubeconfig(cluster.adminToken, 'jobs'),
    '--name',
    'jobs',
  ]);
}, 120_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ...namespaces, '--wait=false']);
  await cluster?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('kill -9 mid-fetch: jobs list shows the fetch as interrupted, and running it again completes it', async () => {
  cluster.sandbox?.faults.set({ latencyMs: 250 });
  const child = spawnCli(dir, PASS, ['fetch', 'jobs', ...namespaces.flatMap((ns) => ['--namespace', ns])]);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const wal = path.join(dir, 'vault.db-wal');
  const start = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  let running = true;
  void exited.then(() => (running = false));
  // Once the WAL has grown past the unlock's own writes, the job is journalled and writing namespaces.
  while (running && !(fs.existsSync(wal) && fs.statSync(wal).size > start + 64 * 1024))
    await new Promise((r) => setTimeout(r, 10));
  const killedMidRun = running;
  child.kill('SIGKILL');
  await exited;
  cluster.sandbox?.faults.reset();

  const jobs = JSON.parse(await cliOk(dir, PASS, ['--json', 'jobs', 'list'])) as JobSummary[];
  const fetches = jobs.filter((j) => j.kind === 'fetch');
  expect(fetches).toHaveLength(1);
  const [job] = fetches;
  // With the sandbox's latency the kill lands mid-run; a fast real cluster may have finished first.
  if (cluster.isSandbox) expect(killedMidRun).toBe(true);
  if (killedMidRun) {
    expect(job).toMatchObject({ state: 'interrupted', resumable: true });
    expect(['connect', 'plan', 'write']).toContain(job?.step);
    expect(job?.params).toMatchObject({ namespaces, trigger: 'manual' });
    const only = JSON.parse(
      await cliOk(dir, PASS, ['--json', 'jobs', 'list', '--state', 'interrupted']),
    ) as JobSummary[];
    expect(only.map((j) => j.id)).toEqual([job?.id]);
  } else expect(job?.state).toBe('done');

  if (!job?.resumable) return;
  const app = await createApp({ dataDir: dir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  try {
    const call = valueCall(app);
    await call('vault:unlock', { method: 'passphrase', passphrase: PASS });
    const ended = new Map<string, () => void>();
    app.events.subscribe((name, p) => {
      const update = p as JobSummary;
      if (name === 'jobs:updated' && update.state === 'done') ended.get(update.id)?.();
    });
    const again = await call('jobs:resume', { jobId: job.id });
    await new Promise<void>((resolve) => {
      ended.set(again.jobId, resolve);
      if (app.jobs.list().some((j) => j.id === again.jobId && j.state === 'done')) resolve();
    });
    const after = await call('jobs:list', {});
    expect(after.find((j) => j.id === job.id)?.state).toBe('resumed');
    const clusterId = String(job.params.clusterId);
    for (const ns of namespaces)
      expect(expectWholeOrAbsent(app.vault.db(), clusterId, ns, await clusterSecretNames(cluster, ns))).toBe('whole');
  } finally {
    await app.close();
  }
}, 180_000);
