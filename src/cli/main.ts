// The `strongroom` command: global options, subcommands (one file each), exit codes 0/1/2.
import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { assertNodeVersion } from '../main/paths';
import { registerAccessCommand } from './commands/access';
import { registerAccessAccountCommand } from './commands/access-account';
import { registerAuditCommand } from './commands/audit';
import { registerClusterCommand } from './commands/cluster';
import { registerExportCommand } from './commands/export';
import { registerFetchCommand } from './commands/fetch';
import { registerInfoCommand } from './commands/info';
import { registerInitCommand } from './commands/init';
import { registerResourcesCommand } from './commands/resources';
import { registerReviewCommand } from './commands/review';
import { registerSandboxCommand } from './commands/sandbox';
import { registerSessionsCommand } from './commands/sessions';
import { registerSetupYamlCommand } from './commands/setup-yaml';
import { registerStatusCommand } from './commands/status';
import { registerSyncCommand } from './commands/sync';
import { CliContext, EXIT, reportError } from './context';

export function buildProgram(): { program: Command; ctx: CliContext } {
  const program = new Command('strongroom');
  const ctx = new CliContext(program);
  program
    .description('Privileged access to Kubernetes Secrets from your workstation.')
    .version(pkg.version)
    .option('--data-dir <dir>', 'where the vault and logs live (env STRONGROOM_DATA_DIR; default: the OS app-data dir)')
    .option('--json', 'print machine-readable JSON')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerInfoCommand(program, ctx);
  registerInitCommand(program, ctx);
  registerStatusCommand(program, ctx);
  registerAuditCommand(program, ctx);
  registerClusterCommand(program, ctx);
  registerSetupYamlCommand(program, ctx);
  registerSandboxCommand(program, ctx);
  registerReviewCommand(program, ctx);
  registerExportCommand(program, ctx);
  registerFetchCommand(program, ctx);
  registerSyncCommand(program, ctx);
  registerResourcesCommand(program, ctx);
  registerAccessCommand(program, ctx);
  registerAccessAccountCommand(program, ctx);
  registerSessionsCommand(program, ctx);
  return { program, ctx };
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    assertNodeVersion();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.failure;
  }
  const { program, ctx } = buildProgram();
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
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
