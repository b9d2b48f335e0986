// bench:proxy — what the session proxy adds: sequential keep-alive GETs, a concurrent load, and kubectl runs, direct vs proxied, same server, same run.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { writeTempKubeconfig } from '../src/main/access/kubeconfig-file';
import { SessionProxy } from '../src/main/access/proxy';
import { AccessRepo } from '../src/main/access/repo';
import { createSessionCert } from '../src/main/access/session-cert';
import { systemClock } from '../src/main/clock';
import type { SessionRequest } from '../src/shared/ipc/access';
import { migratedTo } from '../test/support/migrated-db';
import { startSandboxProcess } from './sandbox-process';

const KUBECTL_RUNS = 50;
/** USER_HZ: the unit of /proc/PID/stat's CPU times on Linux. */
const CLOCK_TICKS = 100;
const NS = 'bench-proxy';
const run = promisify(execFile);

interface Target {
  url: string;
  ca: string;
  token: string;
}

interface LoadResult {
  seq: number[];
  rps: number;
  requests: number;
  /** CPU microseconds per request: the client's, this process's (the proxy's), the sandbox's (when local). */
  cpuUs: number;
  ownCpuUs: number;
  sandboxCpuUs: number;
}

/** utime + stime of a process in microseconds (Linux), 0 where unreadable. */
function processCpuUs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** The HTTP client runs in a process of its own, as kubectl would: the proxy's process does only the proxy's work. */
async function load(
  t: Target,
  paths: { secretPath: string; listPath: string },
  sandboxPid?: number,
): Promise<LoadResult> {
  const ownBefore = process.cpuUsage();
  const sandboxBefore = processCpuUs(sandboxPid);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/proxy-load.ts'], {
    env: { ...process.env, LOAD_TARGET: JSON.stringify({ ...t, ...paths }) },
    maxBuffer: 64 * 1024 * 1024,
  });
  const own = process.cpuUsage(ownBefore);
  const result = JSON.parse(stdout) as Omit<LoadResult, 'ownCpuUs' | 'sandboxCpuUs'>;
  return {
    ...result,
    ownCpuUs: (own.user + own.system) / result.requests,
    sandboxCpuUs: (processCpuUs(sandboxPid) - sandboxBefore) / result.requests,
  };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const round = (x: number) => Math.round(x * 1000) / 1000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Mean CPU microseconds per request of one party over a side's runs. */
const cpuOf = (runs: LoadResult[], pick: (r: LoadResult) => number) => Math.round(mean(runs.map(pick)));

async function kubectlRun(kubeconfig: string, cacheDir: string, name: string): Promise<number> {
  const start = performance.now();
  await run('kubectl', ['--cache-dir', cacheDir, 'get', 'secret', name, '-n', NS], {
    env: { ...process.env, KUBECONFIG: kubeconfig },
  });
  return performance.now() - start;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-bench-proxy-'));
  const real = process.env.STRONGROOM_TEST_KUBECONFIG;
  const kubeconfig = real ?? path.join(dir, 'admin.kubeconfig');
  const sandbox = real ? undefined : await startSandboxProcess(kubeconfig, { seed: { n: 100, namespaces: 2 } });
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const cluster = kc.getCurrentCluster();
  const token = kc.getCurrentUser()?.token;
  if (!cluster || !token) throw new Error('the bench needs a kubeconfig with a server and a bearer token');
  const ca = cluster.caData ? Buffer.from(cluster.caData, 'base64').toString() : '';
  const kubectlAdmin = (args: string[]) => run('kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
  await kubectlAdmin(['create', 'namespace', NS]).catch(() => undefined);
  await kubectlAdmin(['-n', NS, 'create', 'secret', 'generic', 'one', '--from-literal=password=bench-value']).catch(
    () => undefined,
  );
  for (let i = 0; i < 20; i++)
    await kubectlAdmin(['-n', NS, 'create', 'secret', 'generic', `small-${i}`, '--from-literal=k=v']).catch(
      () => undefined,
    );

  // The proxy as a session runs it: minted token replaced by the admin one here, requests logged to a vault.
  const vault = migratedTo();
  const repo = new AccessRepo(() => vault.db);
  vault.db
    .prepare(
      "INSERT INTO access_sessions (id, cluster_id, cluster_name, account, service_account, actor, started_at, expires_at) VALUES ('bench', 'c', 'c', 'admin', 'x/y', 'bench', 0, 0)",
    )
    .run();
  let pending: SessionRequest[] = [];
  const flush = setInterval(() => {
    if (pending.length === 0) return;
    repo.insertRequests('bench', pending);
    pending = [];
  }, 250);
  const cert = await createSessionCert(new Date(Date.now() + 3600_000));
  const credential = 'bench-local-credential-0123456789abcdef';
  const proxy = new SessionProxy({
    upstream: { server: cluster.server, caPem: ca },
    token,
    localCredential: credential,
    cert,
    expiresAt: Date.now() + 3600_000,
    clock: systemClock,
    onRequest: (r) => pending.push(r),
  });
  const proxyUrl = await proxy.listen();
  const direct: Target = { url: cluster.server, ca, token };
  const proxied: Target = { url: proxyUrl, ca: cert.caPem, token: credential };
  const paths = {
    secretPath: `/api/v1/namespaces/${NS}/secrets/one`,
    listPath: `/api/v1/namespaces/${NS}/secrets?limit=1`,
  };
  // One untimed round of each side first: the measured rounds then see the sandbox, the proxy and the
  // vault's statements JIT-compiled, as a session does after its first requests, not their warm-up.
  await load(direct, paths, sandbox?.process.pid);
  await load(proxied, paths, sandbox?.process.pid);
  // Alternate, so that drift on a shared machine hits both sides alike.
  const directRuns: LoadResult[] = [];
  const proxyRuns: LoadResult[] = [];
  for (let i = 0; i < 2; i++) {
    directRuns.push(await load(direct, paths, sandbox?.process.pid));
    proxyRuns.push(await load(proxied, paths, sandbox?.process.pid));
  }
  const seqDirect = directRuns.flatMap((r) => r.seq);
  const seqProxy = proxyRuns.flatMap((r) => r.seq);
  const tpDirect = mean(directRuns.map((r) => r.rps));
  const tpProxy = mean(proxyRuns.map((r) => r.rps));

  const session = writeTempKubeconfig({
    proxyUrl,
    caPem: cert.caPem,
    credential,
    clusterName: 'bench',
    account: 'admin',
  });
  const cacheDirect = path.join(dir, 'cache-direct');
  await kubectlRun(kubeconfig, cacheDirect, 'one');
  await kubectlRun(session.path, session.cacheDir, 'one');
  let kDirect = 0;
  let kProxy = 0;
  for (let i = 0; i < KUBECTL_RUNS; i++) {
    kDirect += await kubectlRun(kubeconfig, cacheDirect, 'one');
    kProxy += await kubectlRun(session.path, session.cacheDir, 'one');
  }

  clearInterval(flush);
  await proxy.close();
  session.remove();
  const logged =
    (vault.db.prepare('SELECT count(*) AS n FROM access_requests').get() as { n: number }).n + pending.length;
  vault.dispose();
  await kubectlAdmin(['delete', 'namespace', NS, '--wait=false']).catch(() => undefined);
  sandbox?.process.kill();
  fs.rmSync(dir, { recursive: true, force: true });

  const cpu = {
    clientDirect: cpuOf(directRuns, (r) => r.cpuUs),
    clientProxied: cpuOf(proxyRuns, (r) => r.cpuUs),
    // This process's own CPU while it only waits for the direct load (spawning it) is taken off.
    proxy: cpuOf(proxyRuns, (r) => r.ownCpuUs) - cpuOf(directRuns, (r) => r.ownCpuUs),
    sandboxDirect: cpuOf(directRuns, (r) => r.sandboxCpuUs),
    sandboxProxied: cpuOf(proxyRuns, (r) => r.sandboxCpuUs),
  };
  const detail = {
    server: real ? 'real' : 'sandbox',
    direct_p50_ms: round(pct(seqDirect, 0.5)),
    proxy_p50_ms: round(pct(seqProxy, 0.5)),
    direct_p99_ms: round(pct(seqDirect, 0.99)),
    proxy_p99_ms: round(pct(seqProxy, 0.99)),
    direct_rps: Math.round(tpDirect),
    proxy_rps: Math.round(tpProxy),
    kubectl_direct_ms: round(kDirect / KUBECTL_RUNS),
    kubectl_proxy_ms: round(kProxy / KUBECTL_RUNS),
    requests_logged: logged,
    client_cpu_us_direct: cpu.clientDirect,
    client_cpu_us_proxied: cpu.clientProxied,
    proxy_cpu_us: cpu.proxy,
    sandbox_cpu_us_direct: cpu.sandboxDirect,
    sandbox_cpu_us_proxied: cpu.sandboxProxied,
    // The throughput ratio CPU cost alone allows when client, proxy and server share the same saturated cores.
    cpu_bound_ratio: sandbox
      ? round((cpu.clientDirect + cpu.sandboxDirect) / (cpu.clientProxied + cpu.sandboxProxied + cpu.proxy))
      : null,
    // …and the proxy CPU per request at which that ratio would reach 0.9 on such a machine.
    proxy_cpu_us_for_0_9: sandbox
      ? Math.round((cpu.clientDirect + cpu.sandboxDirect) / 0.9 - cpu.clientProxied - cpu.sandboxProxied)
      : null,
    // Where the proxy has a core of its own (a bigger machine), what one core of it relays at most.
    proxy_rps_per_core: cpu.proxy > 0 ? Math.round(1e6 / cpu.proxy) : null,
    cores: os.availableParallelism(),
  };
  process.stdout.write(`${JSON.stringify(detail)}\n`);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'proxy',
      added_p50_ms: round(detail.proxy_p50_ms - detail.direct_p50_ms),
      added_p99_ms: round(detail.proxy_p99_ms - detail.direct_p99_ms),
      throughput_ratio: round(tpProxy / tpDirect),
      kubectl_ratio: round(kProxy / kDirect),
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
