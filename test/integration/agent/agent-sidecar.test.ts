// The agent as a process in sidecar mode: a kubectl change reaches the files, and a concurrent reader never sees a torn set.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import {
  type AgentEnv,
  applyYaml,
  bundleAgent,
  inClusterEnv,
  secretYaml,
  startAgent,
  targetDir,
  waitFor,
} from './harness';
import { grantAsGenerated } from './rbac-fixture';

let cluster: TestCluster;
let ns: string;
let agent: AgentEnv;
const PAD = 'x'.repeat(4096);
const rotating = (v: number) =>
  secretYaml(ns, 'rotating', { a: Buffer.from(`v${v}-${PAD}\n`), b: Buffer.from(`v${v}\n`) });
const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

beforeAll(async () => {
  cluster = await getTestCluster();
  ns = cluster.uniqueName('agent-sidecar');
  expect((await cluster.kubectl(['create', 'namespace', ns])).code).toBe(0);
  await applyYaml(cluster, rotating(0));
  await applyYaml(cluster, secretYaml(ns, 'other', { k: Buffer.from('secret-other') }));
  agent = await inClusterEnv(cluster, ns, 'agent', await bundleAgent());
  await grantAsGenerated(cluster, ns, 'agent', ['rotating'], 'sidecar');
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await cluster?.close();
});

describe('agent sidecar mode', () => {
  it('rewrites the files when the Secret changes with kubectl, reports health, and calls the notify URL', async () => {
    let notified = 0;
    const hook = createServer((_req, res) => {
      notified++;
      res.end('ok');
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const hookPort = (hook.address() as { port: number }).port;
    const healthPort = 20000 + Math.floor(Math.random() * 20000);
    const dir = targetDir();
    const child = startAgent(agent, {
      STRONGROOM_AGENT_MODE: 'sidecar',
      STRONGROOM_AGENT_SECRETS: 'rotating',
      STRONGROOM_AGENT_DIR: dir,
      STRONGROOM_AGENT_HEALTH_PORT: String(healthPort),
      STRONGROOM_AGENT_NOTIFY: `http://127.0.0.1:${hookPort}/reload`,
    });
    try {
      await waitFor('first write', () => (read(join(dir, 'rotating', 'b')) === 'v0\n' ? true : undefined));
      const health = await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).json();
      expect(health.status).toBe('ok');
      expect(typeof health.lastRefresh).toBe('string');
      await applyYaml(cluster, rotating(1));
      await waitFor('the change', () => (read(join(dir, 'rotating', 'b')) === 'v1\n' ? true : undefined));
      expect(read(join(dir, 'rotating', 'a'))).toBe(`v1-${PAD}\n`);
      await waitFor('the notify call', () => (notified >= 1 ? true : undefined), 10_000);
      expect(child.output()).not.toContain(PAD);
    } finally {
      child.kill('SIGTERM');
      hook.close();
    }
  }, 120_000);

  it('never shows a concurrent reader a partial or mixed set over thousands of reads while the Secret rotates', async () => {
    const dir = targetDir();
    const child = startAgent(agent, {
      STRONGROOM_AGENT_MODE: 'sidecar',
      STRONGROOM_AGENT_SECRETS: 'rotating',
      STRONGROOM_AGENT_DIR: dir,
    });
    const stopFile = join(dir, '..', 'stop');
    try {
      await waitFor('first write', () => (read(join(dir, 'rotating', 'b')) ? true : undefined));
      const reader = new Promise<string>((resolve, reject) =>
        execFile(process.execPath, [join(import.meta.dirname, 'reader.mjs'), dir, stopFile, '3000'], (e, out) =>
          e ? reject(e) : resolve(out),
        ),
      );
      const ROTATIONS = 12;
      for (let v = 2; v < 2 + ROTATIONS; v++) {
        await applyYaml(cluster, rotating(v));
        await waitFor(`version ${v}`, () => (read(join(dir, 'rotating', 'b')) === `v${v}\n` ? true : undefined));
      }
      writeFileSync(stopFile, '');
      const stats = JSON.parse(await reader) as {
        iterations: number;
        mixed: number;
        partial: number;
        retries: number;
        versions: string[];
      };
      console.log(`concurrent reader: ${JSON.stringify({ ...stats, versions: stats.versions.length })}`);
      expect(stats.iterations).toBeGreaterThanOrEqual(3000);
      expect(stats.partial).toBe(0);
      expect(stats.mixed).toBe(0);
      // The reader saw the rotation happen, not one frozen version.
      expect(stats.versions.length).toBeGreaterThan(ROTATIONS / 2);
    } finally {
      child.kill('SIGTERM');
    }
  }, 300_000);
});
