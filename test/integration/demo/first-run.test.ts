// `npm start`'s first run on the demo sandbox: a kubeconfig kubectl can use, then vault creation connects and fetches.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app';
import { type DemoCluster, startDemoCluster } from '../../../src/main/demo';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import type { EventPayload } from '../../../src/shared/ipc';
import { valueCall } from '../../support/app-call';

function kubectl(args: string[], cacheDir: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      ['--cache-dir', cacheDir, ...args],
      { env: { ...process.env, KUBECONFIG: '' } },
      (error, stdout, stderr) =>
        resolve({ stdout, stderr, code: error ? ((error as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

// The demo is always the built-in sandbox (it is what `npm start` runs), so this suite never needs a real cluster.
describe('demo sandbox first run', () => {
  let dataDir: string;
  let demo: DemoCluster;
  let app: App;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-demo-'));
    demo = await startDemoCluster(dataDir, silentLogger());
    app = await createApp({ dataDir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore(), demo });
  });

  afterAll(async () => {
    await app?.close();
    await demo?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the demo kubeconfig into the data dir, owner-only, and real kubectl lists the sample Secrets with it', async () => {
    expect(demo.kubeconfigPath).toBe(path.join(dataDir, 'demo-kubeconfig.yaml'));
    expect(fs.statSync(demo.kubeconfigPath).mode & 0o777).toBe(0o600);
    const r = await kubectl(
      ['--kubeconfig', demo.kubeconfigPath, 'get', 'secrets', '-A', '-o', 'name'],
      path.join(dataDir, 'kube-cache'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(5);
    // Not the sandbox's admin: the Strongroom ServiceAccount of the read-write setup.
    expect(fs.readFileSync(demo.kubeconfigPath, 'utf8')).not.toContain('sandbox-admin');
  });

  it('creating the vault connects the demo cluster and fetches it, with notices and progress for the page', async () => {
    const notices: EventPayload<'app:notice'>[] = [];
    const progress: EventPayload<'sync:progress'>[] = [];
    const fetched = new Promise<void>((resolve) => {
      app.events.subscribe((name, payload) => {
        if (name === 'sync:progress') progress.push(payload as EventPayload<'sync:progress'>);
        if (name !== 'app:notice') return;
        notices.push(payload as EventPayload<'app:notice'>);
        if (notices.length === 2 || (payload as EventPayload<'app:notice'>).level === 'error') resolve();
      });
    });
    const value = valueCall(app);
    await value('vault:init', { passphrase: 'correct horse battery staple', useKeychain: false });
    await fetched;
    expect(notices.map((n) => n.level)).toEqual(['info', 'info']);
    expect(notices[0]?.message).toMatch(/Connected the demo cluster "demo"/);
    expect(progress.length).toBeGreaterThan(0);

    const clusters = await value('clusters:list', {});
    expect(clusters.map((c) => [c.name, c.server])).toEqual([['demo', demo.server]]);
    const page = await value('resources:list', { offset: 0, limit: 10, filter: { clusterId: clusters[0]?.id } });
    expect(page.total).toBeGreaterThan(5);
    expect(notices[1]?.message).toContain(`Fetched ${page.total} Secret(s)`);
  });

  it('unlocking an existing vault does not connect the demo again', async () => {
    app.vault.lock('manual');
    const value = valueCall(app);
    await value('vault:unlock', { method: 'passphrase', passphrase: 'correct horse battery staple' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await value('clusters:list', {})).length).toBe(1);
  });
});
