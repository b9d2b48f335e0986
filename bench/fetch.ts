// bench:fetch — a whole `strongroom fetch` process (time and peak RSS) vs `kubectl get secrets -A -o json --chunk-size=500`.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { report, timed } from './report';

export const N = 10_000;
export const NAMESPACES = 100;
const CACHE = 'node_modules/.cache/strongroom-bench';
export const CLI = join(CACHE, 'cli.mjs');

/** The CLI as it ships: one bundled file (native modules and pino's worker stay external), with V8's compile cache. */
export async function buildCli(): Promise<void> {
  await build({
    entryPoints: ['src/cli/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: CLI,
    external: ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', 'pino', 'thread-stream', 'electron'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
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
  /** Runs the bundled CLI with the bench data dir. */
  cli(args: string[], input?: string): Promise<{ peakMb: number }>;
  close(): void;
}

/** A sandbox with 10k Secrets in its own process, a fresh vault, and the sandbox saved as cluster "bench". */
export async function setup(): Promise<BenchEnv> {
  await buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'strongroom-bench-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const server: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      '--json',
      'sandbox',
      '--seed-bulk',
      String(N),
      '--namespaces',
      String(NAMESPACES),
      '--kubeconfig-out',
      kubeconfig,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => {
    createInterface({ input: server.stdout as NodeJS.ReadableStream }).on('line', (line) => line === '}' && resolve());
  });
  const env = {
    ...process.env,
    KUBECONFIG: kubeconfig,
    STRONGROOM_DATA_DIR: join(dir, 'data'),
    STRONGROOM_PASSPHRASE: 'bench passphrase 1234',
    NODE_COMPILE_CACHE: join(CACHE, 'v8'),
  };
  const cli = (args: string[], input?: string) =>
    run(process.execPath, [CLI, '--data-dir', join(dir, 'data'), ...args], env, input);
  await cli(['init', '--no-keychain']);
  await cli(['cluster', 'import-kubeconfig', kubeconfig, '--name', 'bench']);
  await cli(['info']); // warms V8's compile cache
  return {
    dir,
    env,
    kubeconfig,
    cli,
    close() {
      server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const b = await setup();
  try {
    const cache = join(b.dir, 'kube-cache');
    await run('kubectl', ['--cache-dir', cache, 'get', 'ns', '-o', 'name'], b.env); // warm discovery
    const ref = await timed(() =>
      run('kubectl', ['--cache-dir', cache, 'get', 'secrets', '-A', '-o', 'json', '--chunk-size=500'], b.env),
    );
    const ours = await timed(() => b.cli(['fetch', 'bench']));
    process.stderr.write(
      `kubectl ${ref.seconds.toFixed(2)} s (${ref.value.peakMb} MB), strongroom fetch ${ours.seconds.toFixed(2)} s (${ours.value.peakMb} MB)\n`,
    );
    report({ bench: 'fetch', n: N, ours_s: ours.seconds, ref_s: ref.seconds, rss_mb: ours.value.peakMb });
  } finally {
    b.close();
  }
}

if (process.argv[1]?.endsWith('bench/fetch.ts')) await main();
