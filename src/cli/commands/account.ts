// `strongroom account add RESOURCE USER --password-stdin`: saves a database account of a rotatable resource.
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { CliContext } from '../context';
import { readPipedPassword } from '../input';
import { unlockVault } from '../unlock';

export function registerAccountCommand(program: Command, ctx: CliContext): void {
  const account = program.command('account').description('accounts of rotatable resources');
  account
    .command('add <resource> <user>')
    .description('save a database user and its current password (read from stdin)')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (resource: string, user: string, options: { passwordStdin?: boolean }) => {
      if (!options.passwordStdin)
        throw new AppError(
          'invalid_input',
          'The password is read from stdin only.',
          'Add --password-stdin and pipe it in.',
        );
      const password = await readPipedPassword(
        '--password-stdin',
        `printf %s "$PW" | strongroom account add ${resource} ${user} --password-stdin`,
      );
      await unlockVault(ctx);
      const saved = await ctx.call('targets:addAccount', { resource, account: user, password });
      ctx.print(saved, () => `saved account ${saved.resource}/${saved.name}`);
    });
}
