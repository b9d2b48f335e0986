// The `strongroom` command: global options, subcommands (one file each) loaded only when named, exit codes 0/1/2.
import module from 'node:module';
import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { assertNodeVersion } from '../main/paths';
import { CliContext, EXIT, reportError } from './context';
import { exitAfterOutput } from './exit';

export { exitAfterOutput };

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Every subcommand, in help order, and how to load it. A run loads only the one it names, so
 * `strongroom --version` or `status` never loads the Kubernetes client; help and unknown names load all.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  info: async () => (await import('./commands/info')).registerInfoCommand,
  init: async () => (await import('./commands/init')).registerInitCommand,
  status: async () => (await import('./commands/status')).registerStatusCommand,
  audit: async () => (await import('./commands/audit')).registerAuditCommand,
  cluster: async () => (await import('./commands/cluster')).registerClusterCommand,
  'setup-yaml': async () => (await import('./commands/setup-yaml')).registerSetupYamlCommand,
  sandbox: async () => (await import('./commands/sandbox')).registerSandboxCommand,
  review: async () => (await import('./commands/review')).registerReviewCommand,
  export: async () => (await import('./commands/export')).registerExportCommand,
  fetch: async () => (await import('./commands/fetch')).registerFetchCommand,
  sync: async () => (await import('./commands/sync')).registerSyncCommand,
  resources: async () => (await import('./commands/resources')).registerResourcesCommand,
  jobs: async () => (await import('./commands/jobs')).registerJobsCommand,
  access: async () => (await import('./commands/access')).registerAccessCommand,
  'access-account': async () => (await import('./commands/access-account')).registerAccessAccountCommand,
  sessions: async () => (await import('./commands/sessions')).registerSessionsCommand,
  agent: async () => (await import('./commands/agent')).registerAgentCommand,
  seal: async () => (await import('./commands/seal')).registerSealCommand,
  overview: async () => (await import('./commands/overview')).registerOverviewCommand,
  resource: async () => (await import('./commands/resource')).registerResourceCommand,
  account: async () => (await import('./commands/account')).registerAccountCommand,
  map: async () => (await import('./commands/map')).registerMapCommand,
  rotate: async () => (await import('./commands/rotate')).registerRotateCommand,
  rotation: async () => (await import('./commands/rotation')).registerRotationCommand,
};

/** Global options that take a value, so that the value is not mistaken for the subcommand. */
const VALUE_OPTIONS = new Set(['--data-dir']);

/** The subcommands a command line needs: none for --version, the named one, or all (help, unknown, none named). */
export function commandsFor(argv: string[]): string[] {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-V' || arg === '--version') return [];
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg in COMMANDS ? [arg] : Object.keys(COMMANDS);
  }
  return Object.keys(COMMANDS);
}

export async function buildProgram(argv: string[] = []): Promise<{ program: Command; ctx: CliContext }> {
  const program = new Command('strongroom');
  const ctx = new CliContext(program);
  program
    .description('Privileged access to Kubernetes Secrets from your workstation.')
    .version(pkg.version)
    .option('--data-dir <dir>', 'where the vault and logs live (env STRONGROOM_DATA_DIR; default: the OS app-data dir)')
    .option('--json', 'print machine-readable JSON')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  const names = commandsFor(argv);
  const registers = await Promise.all(names.map((name) => COMMANDS[name]?.()));
  for (const register of registers) register?.(program, ctx);
  return { program, ctx };
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    assertNodeVersion();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.failure;
  }
  // V8's code cache for the modules loaded from here on (the subcommand, the app); a no-op where unsupported.
  module.enableCompileCache?.();
  const { program, ctx } = await buildProgram(argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    return reportError(error, ctx.json);
  } finally {
    await ctx.close();
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  runCli(process.argv.slice(2)).then(exitAfterOutput);
}
