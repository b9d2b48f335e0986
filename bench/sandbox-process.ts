// Starts the sandbox with bulk Secrets in a process of its own (so its RSS is measured alone), as the benches need it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export const N = 10_000;
export const NAMESPACES = 100;

export interface SandboxProcess {
  process: ChildProcess;
  url: string;
}

/** Resolves once the sandbox listens; it writes an admin kubeconfig to `kubeconfig`. */
export async function startSandboxProcess(
  kubeconfig: string,
  seed: { n: number; namespaces: number } = { n: N, namespaces: NAMESPACES },
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
      String(seed.n),
      '--namespaces',
      String(seed.namespaces),
      '--kubeconfig-out',
      kubeconfig,
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
