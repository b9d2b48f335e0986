// `strongroom init`: creates the vault in the data dir, wrapped by the OS keychain and a passphrase (or the passphrase only).
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { CliContext } from '../context';
import { PASSPHRASE_ENV, passphraseSource } from '../passphrase';

export function registerInitCommand(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description(`create the vault (passphrase from a prompt, or ${PASSPHRASE_ENV} for automation only)`)
    .option('--no-keychain', 'do not use the OS keychain; unlock with the passphrase only')
    .action(async (options: { keychain: boolean }) => {
      const status = await ctx.call('vault:status', {});
      if (status.state !== 'uninitialized') {
        throw new AppError(
          'already_exists',
          `There is already a vault in ${status.dataDir}.`,
          'Use it, or choose another --data-dir.',
        );
      }
      const source = passphraseSource();
      const passphrase = await source.read('New vault passphrase (at least 8 characters): ');
      if (source.interactive && (await source.read('Repeat the passphrase: ')) !== passphrase) {
        throw new AppError('invalid_input', 'The two passphrases differ.', 'Run `strongroom init` again.');
      }
      const result = await ctx.call('vault:init', { passphrase, useKeychain: options.keychain });
      for (const w of result.warnings) {
        process.stderr.write(`warning: ${w.message}${w.fix ? `\nfix: ${w.fix}` : ''}\n`);
      }
      const wraps = [
        result.status.wraps.passphrase && 'passphrase',
        result.status.wraps.keychain && 'OS keychain',
      ].filter(Boolean);
      ctx.print(result, () => `Vault created in ${result.status.dataDir}\nunlocks with: ${wraps.join(' or ')}`);
    });
}
