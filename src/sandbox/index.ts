// startSandbox(): the Kubernetes API emulator's public API, used by tests, the demo and `strongroom sandbox`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { createPki } from './certs';
import { Cluster, SAS, SECRETS } from './cluster';
import { startBackgroundWrites } from './controlplane';
import { Faults } from './faults';
import { Lister } from './list';
import { RESOURCES } from './resources';
import { seedBulk, seedDemo } from './seed';
import { createHandler } from './server';
import { itemJsonOf, Store, tableOf } from './store';
import { TokenAuthority } from './tokens';
import type { SandboxClock } from './types';
import { startWorkloadController } from './workloads';

export type { FaultSettings } from './faults';
export { Faults } from './faults';

export interface SandboxOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Loopback address to bind; default 127.0.0.1. */
  host?: string;
  /** JSON file the state is loaded from and saved to. */
  stateFile?: string;
  /** Directory holding ca.crt/ca.key, the token signing key and the admin token; created when missing. */
  caDir?: string;
  /** 'demo' for the demo data, or bulk Secrets for benchmarks. Skipped when a state file already has data. */
  seed?: 'demo' | { bulk: number; namespaces: number };
  /** How long a list continue token stays valid (default 5 minutes, like etcd compaction). */
  continueTtlMs?: number;
  /** How often watch streams send bookmarks (default 60 s). */
  bookmarkIntervalMs?: number;
  /** Time source for token expiry and continue token age; default the system clock plus `advanceClock`. */
  clock?: SandboxClock;
  /**
   * Renew leader-election and node Leases in the background, so the list resourceVersion moves as on a real
   * cluster. Off unless set here (tests get a quiet cluster); the demo, `strongroom sandbox` and the benches
   * turn it on. A number is the renew interval in ms (default 2000, the leader-election retry period).
   */
  backgroundWrites?: boolean | number;
  /** How long the simulated workload controllers take to report a new generation rolled out (default 500 ms). */
  rolloutDelayMs?: number;
}

export interface Sandbox {
  /** https://127.0.0.1:PORT */
  url: string;
  port: number;
  caPem: string;
  /** Upper-case, colon-separated SHA-256 of the CA certificate (DER). */
  caFingerprintSha256: string;
  /** Bearer token of user "sandbox-admin" (group system:masters). */
  adminToken: string;
  /** Fault injection; takes effect on the next request. */
  faults: Faults;
  /** Moves the sandbox's clock forward (TokenRequest expiry, continue token age) when no clock was injected. */
  advanceClock(ms: number): void;
  /** Current continue token lifetime; can be changed at run time. */
  continueTtlMs: number;
  /** Writes a kubeconfig for this sandbox (admin token unless another is given). */
  writeKubeconfig(file: string, options?: { token?: string; namespace?: string; user?: string }): void;
  /** The kubeconfig text (same as writeKubeconfig). */
  kubeconfig(options?: { token?: string; namespace?: string; user?: string }): string;
  /** Current process RSS in MB (the sandbox runs in-process). */
  rssMb(): number;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', '::1', 'localhost'].includes(host))
    throw new Error(`the sandbox binds to loopback only, not ${host}`);
  let offset = 0;
  const clock: SandboxClock = options.clock ?? { now: () => Date.now() + offset };
  const pki = await createPki(options.caDir);
  const store = new Store(options.stateFile);
  const fresh = store.isEmpty();
  const cluster = new Cluster(store, clock, pki.ca.certPem);
  const tokens = new TokenAuthority(
    clock,
    (plural, ns, name) => cluster.find(plural === 'secrets' ? SECRETS : SAS, ns, name),
    options.caDir,
  );
  cluster.tokens = tokens;
  cluster.bootstrap();
  if (fresh && options.seed === 'demo') await seedDemo(cluster, pki);
  else if (fresh && typeof options.seed === 'object') seedBulk(cluster, options.seed.bulk, options.seed.namespaces);
  // Serialize every object once now, so the first big list is as fast as the next ones.
  for (const def of RESOURCES) for (const entry of store.sorted(tableOf(def))) itemJsonOf(entry.object);
  const backgroundMs = options.backgroundWrites === true ? 2000 : options.backgroundWrites || 0;
  const stopBackground = backgroundMs > 0 ? startBackgroundWrites(cluster, backgroundMs) : () => undefined;
  const stopWorkloads = startWorkloadController(cluster, options.rolloutDelayMs ?? 500);
  const faults = new Faults();
  const lister = new Lister(store, clock, faults, options.continueTtlMs ?? 5 * 60_000);
  const handler = createHandler({
    cluster,
    lister,
    faults,
    tokens,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
  });
  const server: Server = createServer(
    // The chain includes the CA, as clusters with an intermediate or a bundled serving cert send it;
    // that lets a client show the CA for confirmation by fingerprint.
    { cert: `${pki.server.certPem.trimEnd()}\n${pki.ca.certPem}`, key: pki.server.keyPem, keepAliveTimeout: 30_000 },
    handler,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const kubeconfig = (o: { token?: string; namespace?: string; user?: string } = {}) => {
    const user = o.user ?? (o.token ? 'sandbox-user' : 'sandbox-admin');
    return [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: strongroom-sandbox',
      '  cluster:',
      `    server: ${url}`,
      `    certificate-authority-data: ${Buffer.from(pki.ca.certPem).toString('base64')}`,
      'users:',
      `- name: ${user}`,
      '  user:',
      `    token: ${o.token ?? tokens.adminToken}`,
      'contexts:',
      `- name: ${user}@strongroom-sandbox`,
      '  context:',
      '    cluster: strongroom-sandbox',
      `    user: ${user}`,
      `    namespace: ${o.namespace ?? 'default'}`,
      `current-context: ${user}@strongroom-sandbox`,
      '',
    ].join('\n');
  };

  return {
    url,
    port,
    caPem: pki.ca.certPem,
    caFingerprintSha256: pki.caFingerprintSha256,
    adminToken: tokens.adminToken,
    faults,
    advanceClock(ms) {
      offset += ms;
    },
    get continueTtlMs() {
      return lister.continueTtlMs;
    },
    set continueTtlMs(ms: number) {
      lister.continueTtlMs = ms;
    },
    kubeconfig,
    writeKubeconfig(file, o) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, kubeconfig(o), { mode: 0o600 });
    },
    rssMb: () => Math.round(process.memoryUsage().rss / 1e6),
    async close() {
      stopBackground();
      stopWorkloads();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.save();
    },
  };
}
