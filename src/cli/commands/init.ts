// `strongroom init`: creates the vault in the data dir, wrapped by the OS keychain and a passphrase (or the passphrase only).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { CliContext } from '../context';
import { PASSPHRASE_ENV, passphraseSource } from '../passphrase';

const VAULT_DB = 'vault.db';

/** Renames vault.db (and its WAL files) of an interrupted init out of the way; nothing is deleted. */
function setAside(dataDir: string): string {
  const suffix = `.interrupted-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const name of [VAULT_DB, `${VAULT_DB}-wal`, `${VAULT_DB}-shm`]) {
    const file = path.join(dataDir, name);
    if (fs.existsSync(file)) fs.renameSync(file, `${file}${suffix}`);
  }
  return `${VAULT_DB}${suffix}`;
}

export function registerInitCommand(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description(`create the vault (passphrase from a prompt, or ${PASSPHRASE_ENV} for automation only)`)
    .option('--no-keychain', 'do not use the OS keychain; unlock with the passphrase only')
    .option(
      '--start-over',
      `after an interrupted init: set its ${VAULT_DB} aside (kept, renamed) and create a new vault`,
    )
    .action(async (options: { keychain: boolean; startOver?: boolean }) => {
      const status = await ctx.call('vault:status', {});
      if (status.state !== 'uninitialized') {
        throw new AppError(
          'already_exists',
          `There is already a vault in ${status.dataDir}.`,
          'Use it, or choose another --data-dir.',
        );
      }
      // Uninitialized means there is no keys.json; a vault.db beside that is an init that did not finish.
      if (fs.existsSync(path.join(status.dataDir, VAULT_DB))) {
        if (!options.startOver) {
          throw new AppError(
            'conflict',
            `${status.dataDir} holds a ${VAULT_DB} without keys.json: an earlier \`strongroom init\` was interrupted.`,
            `Run \`strongroom init --start-over\` to set it aside (renamed ${VAULT_DB}.interrupted-TIME) and create a new vault. If you have a keys.json backup of it, restore that instead.`,
          );
        }
        const kept = setAside(status.dataDir);
        ctx.note(`set the interrupted vault aside as ${kept}`);
      }
      const source = passphraseSource();
      const passphrase = await source.read('New vault passphrase (at least 8 characters): ');
      if (source.interactive && (await source.read('Repeat the passphrase: ')) !== passphrase) {
        throw new AppError('invalid_input', 'The two passphrases differ.', 'Run `strongroom init` again.');
      }
      const result = await ctx.call('vault:init', { passphrase, useKeychain: options.keychain });
      for (const w of result.warnings) {
        ctx.note(`warning: ${w.message}${w.fix ? `\nfix: ${w.fix}` : ''}`);
      }
      const wraps = [
        result.status.wraps.passphrase && 'passphrase',
        result.status.wraps.keychain && 'OS keychain',
      ].filter(Boolean);
      ctx.print(result, () => `Vault created in ${result.status.dataDir}\nunlocks with: ${wraps.join(' or ')}`);
    });
}
