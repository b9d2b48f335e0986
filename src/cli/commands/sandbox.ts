// `strongroom sandbox`: runs the Kubernetes API emulator (demo data, bulk data, kubeconfig) until Ctrl+C.
import type { Command } from 'commander';
import { startSandbox } from '../../sandbox/index';
import { AppError } from '../../shared/errors';
import type { CliContext } from '../context';

interface SandboxFlags {
  port: string;
  state?: string;
  seedDemo?: boolean;
  seedBulk?: string;
  namespaces: string;
  kubeconfigOut?: string;
  continueTtl?: string;
  backgroundWrites: boolean;
}

function count(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new AppError('invalid_input', `${flag} must be a whole number, got "${value}"`);
  return n;
}

export function registerSandboxCommand(program: Command, ctx: CliContext): void {
  program
    .command('sandbox')
    .description('run a local Kubernetes API emulator over HTTPS (for the demo and the tests)')
    .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--state <file>', 'load and save the state in this JSON file (the CA is kept beside it)')
    .option('--seed-demo', 'add demo namespaces, Secrets of every type, a PostgreSQL-backed app and Helm releases')
    .option('--seed-bulk <n>', 'add N Secrets of about 600 bytes (for benchmarks)')
    .option('--namespaces <m>', 'spread --seed-bulk over M namespaces', '10')
    .option('--kubeconfig-out <file>', 'write a kubeconfig with the CA and the admin token')
    .option('--continue-ttl <seconds>', 'how long a list continue token stays valid (default 300)')
    .option('--no-background-writes', 'keep the control plane still (no Lease renewals moving the resourceVersion)')
    .action(async (flags: SandboxFlags) => {
      const seed = flags.seedDemo
        ? ('demo' as const)
        : flags.seedBulk
          ? {
              bulk: count(flags.seedBulk, '--seed-bulk'),
              namespaces: Math.max(1, count(flags.namespaces, '--namespaces')),
            }
          : undefined;
      const sandbox = await startSandbox({
        port: count(flags.port, '--port'),
        stateFile: flags.state,
        caDir: flags.state ? `${flags.state}.pki` : undefined,
        seed,
        continueTtlMs: flags.continueTtl ? count(flags.continueTtl, '--continue-ttl') * 1000 : undefined,
        backgroundWrites: flags.backgroundWrites,
      });
      if (flags.kubeconfigOut) sandbox.writeKubeconfig(flags.kubeconfigOut);
      const info = {
        url: sandbox.url,
        caFingerprintSha256: sandbox.caFingerprintSha256,
        kubeconfig: flags.kubeconfigOut ?? null,
      };
      ctx.print(info, () =>
        [
          `Sandbox Kubernetes API at ${sandbox.url}`,
          `CA SHA-256 fingerprint: ${sandbox.caFingerprintSha256}`,
          flags.kubeconfigOut
            ? `kubeconfig (admin): ${flags.kubeconfigOut}`
            : 'use --kubeconfig-out FILE for a kubeconfig with the admin token',
          'Press Ctrl+C to stop.',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sandbox.close();
    });
}
