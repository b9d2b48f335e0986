// Starts the sandbox with bulk Secrets in a process of its own (so its RSS is measured alone), as the benches need it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export const N = 10_000;
export const NAMESPACES = 100;

export interface SandboxProcess {
  process: ChildProcess;
  url: string;
}

/**
 * Resolves once the sandbox listens; it writes an admin kubeconfig to `kubeconfig`. The control plane's
 * background writes are on, as on a real cluster, unless `backgroundWrites` is false.
 */
export async function startSandboxProcess(
  kubeconfig: string,
  options: { backgroundWrites?: boolean; seed?: { n: number; namespaces: number } } = {},
): Promise<SandboxProcess> {
  const server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      '--json',
      'sandbox',
      '--seed-bulk',
      String(options.seed?.n ?? N),
      '--namespaces',
      String(options.seed?.namespaces ?? NAMESPACES),
      '--kubeconfig-out',
      kubeconfig,
      ...(options.backgroundWrites === false ? ['--no-background-writes'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // `--json` prints one pretty-printed object once the server listens.
  const printed = await new Promise<string>((resolve) => {
    const lines: string[] = [];
    createInterface({ input: server.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      if (line === '}') resolve(lines.join('\n'));
    });
  });
  return { process: server, url: (JSON.parse(printed) as { url: string }).url };
}
