// bench:fetch — a whole `strongroom fetch` process (time and peak RSS) vs `kubectl get secrets -A -o json --chunk-size=500`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli as buildCliBundle } from '../scripts/build-cli';
import { hasGnomeKeyring, nodeCommand, tempHome } from '../test/integration/vault/keyring';
import { report, timed } from './report';
import { N, startSandboxProcess } from './sandbox-process';

export { N, NAMESPACES } from './sandbox-process';

const CACHE = 'node_modules/.cache/strongroom-bench';
export const CLI = join(CACHE, 'cli.mjs');

/** The CLI as it ships: one bundled file, run with V8's compile cache. */
export async function buildCli(): Promise<void> {
  await buildCliBundle(CLI);
}

function peakRssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** Runs a command to the end; samples the child's peak RSS (VmHWM) while it runs. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<{ peakMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'inherit'] });
    if (input !== undefined) child.stdin?.end(input);
    let peakMb = 0;
    const timer = setInterval(() => {
      peakMb = Math.max(peakMb, peakRssMb(child.pid ?? 0));
    }, 10);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code === 0) resolve({ peakMb });
      else reject(new Error(`${cmd} ${args.slice(0, 3).join(' ')} exited with ${code}`));
    });
  });
}

export interface BenchEnv {
  dir: string;
  env: NodeJS.ProcessEnv;
  kubeconfig: string;
  /** A fresh vault (own data dir) with the sandbox saved as cluster "bench"; returns a CLI runner on it. */
  vault(): Promise<(args: string[]) => Promise<{ peakMb: number }>>;
  close(): void;
}

/**
 * A sandbox with 10k Secrets in its own process, and a way to make fresh vaults that know it. Its control
 * plane writes in the background (as a real one does) unless `backgroundWrites` is false.
 */
export async function setup(options: { backgroundWrites?: boolean } = {}): Promise<BenchEnv> {
  await buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'strongroom-bench-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const { process: server } = await startSandboxProcess(kubeconfig, options);
  const env = {
    ...process.env,
    KUBECONFIG: kubeconfig,
    STRONGROOM_PASSPHRASE: 'bench passphrase 1234',
    NODE_COMPILE_CACHE: join(CACHE, 'v8'),
  };
  let vaults = 0;
  return {
    dir,
    env,
    kubeconfig,
    async vault() {
      const data = join(dir, `data-${vaults++}`);
      const cli = (args: string[]) => run(process.execPath, [CLI, '--data-dir', data, ...args], env);
      // The workstation default: the key in the OS keychain (plus a passphrase), so fetch unlocks without Argon2id.
      await cli(process.env.DBUS_SESSION_BUS_ADDRESS ? ['init'] : ['init', '--no-keychain']);
      await cli(['cluster', 'import-kubeconfig', kubeconfig, '--name', 'bench']);
      return cli;
    },
    close() {
      server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The median of a few runs: the machine is shared, so one run says little. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export const ROUNDS = 3;

/**
 * Runs this bench again inside a private D-Bus session with an unlocked gnome-keyring, as a
 * workstation has; without one (or with STRONGROOM_BENCH_NO_KEYCHAIN=1) it unlocks by passphrase.
 */
function underKeyring(): boolean {
  if (process.env.DBUS_SESSION_BUS_ADDRESS || process.env.STRONGROOM_BENCH_NO_KEYCHAIN === '1' || !hasGnomeKeyring()) {
    return false;
  }
  const home = tempHome();
  const inner = `echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec ${nodeCommand(process.argv[1] as string, [])}`;
  const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'share'), XDG_RUNTIME_DIR: home },
  });
  rmSync(home, { recursive: true, force: true });
  process.exitCode = r.status ?? 1;
  return true;
}

async function main(): Promise<void> {
  if (underKeyring()) return;
  process.stderr.write(
    `unlock: ${process.env.DBUS_SESSION_BUS_ADDRESS ? 'OS keychain (gnome-keyring)' : 'passphrase (Argon2id)'}\n`,
  );
  const b = await setup();
  try {
    const cache = join(b.dir, 'kube-cache');
    await run('kubectl', ['--cache-dir', cache, 'get', 'ns', '-o', 'name'], b.env); // warm discovery
    const startups: number[] = [];
    for (let i = 0; i < 2 * ROUNDS; i++) {
      const version = await timed(() => run(process.execPath, [CLI, '--version'], b.env));
      if (i > 0) startups.push(version.seconds); // the first run fills the compile cache
    }
    process.stderr.write(`strongroom --version: ${startups.map((s) => s.toFixed(3)).join(', ')} s\n`);
    const refs: number[] = [];
    const ours: number[] = [];
    let peak = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const ref = await timed(() =>
        run('kubectl', ['--cache-dir', cache, 'get', 'secrets', '-A', '-o', 'json', '--chunk-size=500'], b.env),
      );
      const cli = await b.vault();
      const fetch = await timed(() => cli(['fetch', 'bench']));
      refs.push(ref.seconds);
      ours.push(fetch.seconds);
      peak = Math.max(peak, fetch.value.peakMb);
      process.stderr.write(
        `round ${i + 1}: kubectl ${ref.seconds.toFixed(2)} s, strongroom fetch ${fetch.seconds.toFixed(2)} s (${fetch.value.peakMb} MB)\n`,
      );
    }
    report({
      bench: 'fetch',
      n: N,
      ours_s: median(ours),
      ref_s: median(refs),
      rss_mb: peak,
      startup_s: median(startups),
    });
  } finally {
    b.close();
  }
}

if (process.argv[1]?.endsWith('bench/fetch.ts')) await main();
