// The one way every CLI command opens the vault: the OS keychain first, then the passphrase.
import type { App } from '../main/app';
import { AppError, isAppError } from '../shared/errors';
import type { CliContext } from './context';
import { type PassphraseSource, passphraseSource } from './passphrase';

const PROMPT_TRIES = 3;

/**
 * Unlocks the vault in the data dir and returns the app. Fails with `not_initialized` when there is
 * no vault, and with the unlock error (`wrong_passphrase`, `rate_limited`, …) otherwise. Every
 * attempt goes through the `vault:unlock` channel, so each one is audited like in the app.
 */
export async function unlockVault(ctx: CliContext, source: PassphraseSource = passphraseSource()): Promise<App> {
  const app = await ctx.openApp();
  const status = await ctx.call('vault:status', {});
  if (status.state === 'unlocked') return app;
  if (status.state === 'uninitialized') {
    throw new AppError(
      'not_initialized',
      `There is no vault in ${status.dataDir}.`,
      'Create one with `strongroom init`, or point --data-dir (or STRONGROOM_DATA_DIR) at an existing one.',
    );
  }
  let keychainError: AppError | undefined;
  if (status.wraps.keychain && status.keychain.available) {
    try {
      await ctx.call('vault:unlock', { method: 'keychain' });
      return app;
    } catch (error) {
      if (!isAppError(error) || error.code !== 'keychain_unavailable') throw error;
      keychainError = error;
    }
  }
  if (!status.wraps.passphrase) {
    throw (
      keychainError ??
      new AppError(
        'keychain_unavailable',
        `The OS keychain cannot be used: ${status.keychain.reason ?? 'unknown reason'}.`,
        status.keychain.fix,
      )
    );
  }
  if (keychainError) process.stderr.write(`note: ${keychainError.message} Using the passphrase instead.\n`);
  for (let attempt = 1; ; attempt++) {
    const passphrase = await source.read('Vault passphrase: ');
    try {
      await ctx.call('vault:unlock', { method: 'passphrase', passphrase });
      return app;
    } catch (error) {
      const retry =
        source.interactive && attempt < PROMPT_TRIES && isAppError(error) && error.code === 'wrong_passphrase';
      if (!retry) throw error;
      process.stderr.write('That passphrase is not right. Try again.\n');
    }
  }
}
