// The CLI against the test cluster: a kill -9 of a fetch mid-run leaves the vault consistent; sync --json, resources list, export.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncReport } from '../../../src/shared/ipc/sync';
import { present } from '../../support/app-call';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { cliOk, killWhileWriting, openUnlocked } from './cli-child';
import { clusterSecretNames, expectWholeOrAbsent } from './harness';

const PASS = 'kill test passphrase';
let cluster: TestCluster;
let dir: string;
const namespaces: string[] = [];

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
  await cliOk(dir, PASS, ['init', '--no-keychain']);
  const kubeconfig = cluster.writeKubeconfig(cluster.adminToken, 'kill');
  await cliOk(dir, PASS, ['cluster', 'import-kubeconfig', kubeconfig, '--name', 'kill']);
}, 120_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ...namespaces, '--wait=false']);
  await cluster?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('kill -9 mid-fetch: every namespace is whole or absent, and sync and fetch then complete', async () => {
  cluster.sandbox?.faults.set({ latencyMs: 250 });
  await killWhileWriting(dir, PASS, ['fetch', 'kill', ...namespaces.flatMap((ns) => ['--namespace', ns])]);
  cluster.sandbox?.faults.reset();

  const { app, call } = await openUnlocked(dir, PASS);
  try {
    const [saved] = await call('clusters:list', {});
    const db = app.vault.db();
    const states: string[] = [];
    for (const ns of namespaces)
      states.push(expectWholeOrAbsent(db, saved?.id ?? '', ns, await clusterSecretNames(cluster, ns)));
    // With the sandbox's latency the kill lands mid-run; a fast real cluster may have finished first.
    if (cluster.isSandbox) expect(states).toContain('absent');
    const sync = await call('sync:sync', { clusterId: present(saved).id });
    expect(sync.totals.failed).toBe(0);
    const fetch = await call('sync:fetch', { clusterId: present(saved).id, namespaces });
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

it('the CLI syncs with --json, lists resources, and exports a resource and an encrypted bundle (mode 0600)', async () => {
  const out = async (args: string[]): Promise<string> => {
    const child = spawn(process.execPath, ['bin/strongroom.mjs', '--data-dir', dir, ...args], {
      env: { ...process.env, STRONGROOM_PASSPHRASE: PASS, STRONGROOM_BUNDLE_PASSPHRASE: 'bundle passphrase 1234' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`strongroom ${args.join(' ')} exited ${code}: ${stderr}`);
    return stdout;
  };
  const report = JSON.parse(await out(['--json', 'sync', 'kill'])) as SyncReport;
  expect(report.totals.failed).toBe(0);
  expect(report.namespaces.map((n) => n.namespace).sort()).toEqual([...namespaces].sort());
  const rows = JSON.parse(await out(['--json', 'resources', 'list'])) as { name: string; resourceName: string }[];
  expect(rows).toHaveLength(namespaces.length * 20);
  const resource = `${namespaces[0]}-kill`;
  const file = path.join(dir, 'resource.json');
  await out(['export', resource, '-o', file]);
  const list = JSON.parse(fs.readFileSync(file, 'utf8')) as { kind: string; items: unknown[] };
  expect(list).toMatchObject({ kind: 'List' });
  expect(list.items).toHaveLength(20);
  const bundle = path.join(dir, 'all.bundle');
  await out(['export', 'kill', '-o', bundle, '--bundle']);
  expect(fs.statSync(bundle).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(bundle, 'utf8')).not.toContain('"kind": "Secret"');
}, 300_000); // six CLI processes in a row: over a minute on a loaded machine
