// Sync test helpers: a vault (or the whole app) reaching the test cluster through a ClusterAccess, and consistency checks.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { type App, createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import * as repo from '../../../src/main/resources/repo';
import type { ClusterAccess, ClusterInfo } from '../../../src/main/sync/access';
import { SyncService } from '../../../src/main/sync/service';
import type { WritableDB } from '../../../src/main/vault/db';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { type ValueCall, valueCall } from '../../support/app-call';
import type { TestCluster } from '../../support/cluster';
import { type VaultFixture, vaultFixture } from '../../support/vault-fixture';

export interface SyncHarness {
  fx: VaultFixture;
  sync: SyncService;
  info: ClusterInfo;
  dispose(): void;
}

export function testAccess(
  cluster: TestCluster,
  info: Partial<ClusterInfo> = {},
  token?: string,
): ClusterAccess & { info: ClusterInfo } {
  const full: ClusterInfo = {
    id: 'c1',
    name: 'test',
    includeNamespaces: [],
    excludeNamespaces: [],
    timeoutMs: 20_000,
    ...info,
  };
  return {
    info: full,
    kubeConfig: async () => cluster.kubeConfig(token),
    describe: () => full,
  };
}

export async function syncHarness(
  cluster: TestCluster,
  info: Partial<ClusterInfo> = {},
  token?: string,
): Promise<SyncHarness> {
  const fx = vaultFixture();
  await fx.vault.init({ passphrase: 'correct horse battery', useKeychain: false });
  const access = testAccess(cluster, info, token);
  const sync = new SyncService({
    vault: fx.vault,
    audit: fx.audit,
    clusters: access,
    clock: fx.clock,
    log: silentLogger(),
  });
  return { fx, sync, info: access.info, dispose: () => fx.dispose() };
}

export interface AppHarness {
  app: App;
  dir: string;
  /** Calls a channel and returns its value, or throws with the error code. */
  call: ValueCall;
  dispose(): Promise<void>;
}

/** The whole app (channels, audit) over a fresh vault, with sync reaching the test cluster as cluster `c1` (admin unless `token`). */
export async function appHarness(
  cluster: TestCluster,
  info: Partial<ClusterInfo> = {},
  token?: string,
): Promise<AppHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-sync-app-'));
  const app = await createApp({
    dataDir: dir,
    shell: 'test',
    log: silentLogger(),
    keyStore: new MemoryKeyStore(),
    clusterAccess: testAccess(cluster, info, token),
  });
  const call = valueCall(app);
  await call('vault:init', { passphrase: 'sync test passphrase', useKeychain: false });
  return {
    app,
    dir,
    call,
    async dispose() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Names of the Secrets kubectl sees in a namespace. */
export async function clusterSecretNames(cluster: TestCluster, namespace: string): Promise<string[]> {
  const r = await cluster.kubectl(['get', 'secrets', '-n', namespace, '-o', 'json']);
  if (r.code !== 0) throw new Error(`kubectl get secrets failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name).sort();
}

/**
 * The vault is consistent for a namespace when it holds none of it, or all of it: every Secret the
 * cluster has is an account, and every present account still exists. Also runs SQLite's integrity check.
 */
export function expectWholeOrAbsent(
  db: WritableDB,
  clusterId: string,
  namespace: string,
  inCluster: string[],
): 'absent' | 'whole' {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const resource = repo.resourceFor(db, clusterId, namespace);
  if (!resource) return 'absent';
  const present = [...repo.accountIndex(db, resource.id).values()]
    .filter((a) => a.state === 'present')
    .map((a) => a.name);
  expect(present.sort()).toEqual(inCluster);
  for (const a of repo.accountIndex(db, resource.id).values()) expect(repo.versionById(db, a.id)).toBeDefined();
  return 'whole';
}

/** A Secret manifest (JSON) with exact bytes per key, for `kubectl apply -f -`. */
export function secretManifest(
  namespace: string,
  name: string,
  data: Record<string, Buffer | string>,
  type = 'Opaque',
): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  });
}

/** Runs kubectl against the test cluster and returns stdout; a failure throws with kubectl's message. */
export async function kubectlOk(cluster: TestCluster, args: string[], input?: string): Promise<string> {
  const r = await cluster.kubectl(args, input === undefined ? {} : { input });
  if (r.code !== 0) throw new Error(`kubectl ${args.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
