// `strongroom access CLUSTER --account A`: a just-in-time kubectl session through the recorded local proxy.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import type { LiveSession } from '../../main/access/session';
import { AppError } from '../../shared/errors';
import type { CliContext } from '../context';
import { parseDuration } from '../duration';
import { unlockVault } from '../unlock';
import { resolveCluster } from './sync';

interface AccessOptions {
  account: string;
  ttl: string;
  reason: string;
  shell?: boolean;
  recordExec?: boolean;
}

/** Runs a child with the session's kubeconfig and discovery cache; resolves with its exit code. */
function runWithSession(
  session: LiveSession,
  file: string,
  args: string[],
  stopSignal: NodeJS.Signals,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: 'inherit',
      env: { ...process.env, KUBECONFIG: session.kubeconfigPath, KUBECACHEDIR: session.kubeCacheDir },
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new AppError('not_found', `${file} is not installed or not on PATH.`, `Install ${file}, then try again.`)
          : error,
      ),
    );
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + 2 : 1)));
    // The TTL ends the session: the command loses its server, and is told to stop (an interactive shell ignores SIGTERM).
    session.onEnd(() => child.kill(stopSignal));
  });
}

/** Prints the export line and waits for Ctrl+C or the TTL. */
function waitForEnd(session: LiveSession): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => void session.end('user');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    session.onEnd(() => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    });
  });
}

export function registerAccessCommand(program: Command, ctx: CliContext): void {
  program
    .command('access')
    .description(
      'start a just-in-time kubectl session: mints a short-lived token, starts a local proxy, writes a temporary kubeconfig.\n' +
        'With `-- kubectl ARGS…` it runs that one command and exits with its code; with --shell it opens a subshell;\n' +
        'otherwise it prints `export KUBECONFIG=…` and serves until Ctrl+C or the TTL.',
    )
    .argument('<cluster>', 'cluster name or id')
    .argument('[command...]', 'after --: kubectl and its arguments')
    .requiredOption('--account <name>', 'access account: view, edit, admin or a custom one')
    .option('--ttl <duration>', 'session length, e.g. 30m, 1h', '30m')
    .option('--reason <text>', 'why you need access (kept in the session log)', '')
    .option('--shell', 'open a subshell ($SHELL) with KUBECONFIG set; the session ends when it exits')
    .option('--record-exec', 'transcribe kubectl exec/attach streams (stdin, stdout, stderr) into the session log')
    .action(async (ref: string, command: string[], o: AccessOptions) => {
      if (command.length > 0 && command[0] !== 'kubectl')
        throw new AppError('invalid_input', 'Only kubectl can run in a session.', 'Write: -- kubectl get pods');
      const ttlMs = parseDuration(o.ttl);
      const app = await unlockVault(ctx);
      const cluster = await resolveCluster(ctx, ref);
      const session = await app.access.open({
        clusterId: cluster.id,
        account: o.account,
        ttlMs,
        reason: o.reason,
        recordExec: o.recordExec === true,
      });
      session.onProblem((message) => process.stderr.write(`strongroom: ${message}\n`));
      session.onEnd((reason) => {
        if (reason === 'ttl') process.stderr.write('strongroom: the session reached its TTL and ended.\n');
      });
      const until = new Date(session.expiresAt).toISOString();
      process.stderr.write(`session ${session.id.slice(0, 8)} on ${cluster.name} as ${o.account}, until ${until}\n`);
      if (command.length > 0) {
        const code = await runWithSession(session, 'kubectl', command.slice(1), 'SIGTERM').finally(() =>
          session.end('command'),
        );
        process.exitCode = code;
        return;
      }
      if (o.shell) {
        await runWithSession(session, process.env.SHELL || '/bin/sh', [], 'SIGHUP').finally(() => session.end('user'));
        return;
      }
      process.stdout.write(`export KUBECONFIG=${session.kubeconfigPath}\n`);
      process.stderr.write('Run that in another terminal. Press Ctrl+C here to end the session.\n');
      await waitForEnd(session);
    });
}
