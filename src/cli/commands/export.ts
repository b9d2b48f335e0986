// `strongroom export --from FILE -o OUT [--bundle]`: rewrite a Secrets file or bundle as a clean export or bundle.
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { ExportResult } from '../../shared/ipc/transfer';
import type { CliContext } from '../context';
import { refuseToReplace } from '../output-file';
import { unlockVault } from '../unlock';
import { exportFromVault } from './resources';
import { BUNDLE_PASSPHRASE_ENV, bundlePassphrase, openFile } from './review';

interface ExportOptions {
  from?: string;
  output: string;
  force?: boolean;
  bundle?: boolean;
  namespace?: string;
  passphraseEnv: string;
  newPassphraseEnv: string;
}

async function newPassphrase(envName: string): Promise<string> {
  if (process.env[envName]) return process.env[envName] as string;
  const first = await bundlePassphrase(envName, 'Passphrase for the new bundle: ');
  const again = await bundlePassphrase(envName, 'The same passphrase again: ');
  if (first !== again) throw new AppError('invalid_input', 'The two passphrases differ.', 'Run the command again.');
  return first;
}

/** What the user reads after an export, with the clear-text warning for plain JSON. */
function describeExport(result: ExportResult): string {
  const wrote = `wrote ${result.count} Secret${result.count === 1 ? '' : 's'} to ${result.path} (${result.format}, mode 0600)`;
  return result.encrypted
    ? wrote
    : `${wrote}\nwarning: this file holds the values in clear; keep it safe and delete it when done.`;
}

export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write Secrets as a kubectl-ready .json (a v1 Secret or v1 List) or an encrypted bundle, mode 0600')
    .argument('[target]', 'ACCOUNT (RESOURCE/SECRET), RESOURCE or CLUSTER in the vault')
    .option('--from <file>', 'read the Secrets from this file (kubectl output, an export or a bundle)')
    .requiredOption('-o, --output <file>', 'where to write (atomically; an existing file only with --force)')
    .option('--force', 'replace the output file if it exists')
    .option('--bundle', 'write an encrypted bundle instead of plain JSON')
    .option('--namespace <ns>', 'put every Secret in this namespace')
    .option(
      '--passphrase-env <var>',
      'environment variable with the passphrase of a bundle read by --from',
      BUNDLE_PASSPHRASE_ENV,
    )
    .option(
      '--new-passphrase-env <var>',
      'environment variable with the passphrase of the bundle written',
      BUNDLE_PASSPHRASE_ENV,
    )
    .action(async (target: string | undefined, options: ExportOptions) => {
      refuseToReplace(options.output, options.force);
      if (!options.from) {
        if (!target)
          throw new AppError(
            'invalid_input',
            'Name what to export (ACCOUNT, RESOURCE or CLUSTER), or use --from FILE.',
          );
        const result = await exportFromVault(ctx, target, options, () => newPassphrase(options.newPassphraseEnv));
        ctx.print(result, () => describeExport(result));
        return;
      }
      await unlockVault(ctx);
      const review = await openFile(ctx, options.from, options.passphraseEnv);
      try {
        const format = options.bundle ? 'bundle' : review.secrets.length === 1 ? 'json' : 'list';
        const passphrase = options.bundle ? await newPassphrase(options.newPassphraseEnv) : undefined;
        const result = await ctx.call('transfer:exportOffline', {
          sessionId: review.sessionId,
          format,
          path: path.resolve(options.output),
          overwrite: Boolean(options.force),
          namespace: options.namespace,
          passphrase,
        });
        ctx.print(result, () => describeExport(result));
      } finally {
        await ctx.call('transfer:closeOffline', { sessionId: review.sessionId });
      }
    });
}
