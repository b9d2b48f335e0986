// `strongroom info`: version, Node and the data directory in use.
import type { Command } from 'commander';
import type { CliContext } from '../context';

export function registerInfoCommand(program: Command, ctx: CliContext): void {
  program
    .command('info')
    .description('show the version, the Node runtime and the data directory')
    .action(async () => {
      const info = await ctx.call('app:info', {});
      ctx.print(info, () => `Strongroom ${info.version} on Node ${info.nodeVersion}\ndata dir: ${info.dataDir}`);
    });
}
