// Lists 10k Secrets in 100 namespaces from the sandbox: kubectl paged (ref) vs our client-node paged list (ours).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { report, timed } from './report';
import { N, NAMESPACES, startSandboxProcess } from './sandbox-process';

const CHUNK = 500;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'strongroom-bench-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const { process: server, url } = await startSandboxProcess(kubeconfig);
  try {
    process.stderr.write(`sandbox at ${url} with ${N} Secrets in ${NAMESPACES} namespaces\n`);
    const env = { ...process.env, KUBECONFIG: kubeconfig };
    const cache = join(dir, 'cache');
    await run('kubectl', ['--cache-dir', cache, 'get', 'ns', '-o', 'name'], env); // warm the discovery cache
    const ref = await timed(() =>
      run('kubectl', ['--cache-dir', cache, 'get', 'secrets', '-A', '-o', 'json', `--chunk-size=${CHUNK}`], env),
    );
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const ours = await timed(async () => {
      let count = 0;
      let token: string | undefined;
      do {
        const page = await core.listSecretForAllNamespaces({ limit: CHUNK, _continue: token });
        count += page.items.length;
        token = page.metadata?._continue;
      } while (token);
      return count;
    });
    if (ours.value < N) throw new Error(`listed ${ours.value} Secrets, expected at least ${N}`);
    report({ bench: 'sandbox', n: N, ours_s: ours.seconds, ref_s: ref.seconds, rss_mb: rssMb(server.pid ?? 0) });
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
