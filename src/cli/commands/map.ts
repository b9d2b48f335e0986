// `strongroom map add|remove|list` (and suggest, rule): Associate Secrets (a Secret key → an account) and Mapped Resource Details.
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { parseAccountRef, parseSecretKeyRef } from '../refs';
import { escapeName } from '../terminal';
import { unlockVault } from '../unlock';
import { mappingLine, registerMapAssistCommands } from './map-assist';

export function registerMapCommand(program: Command, ctx: CliContext): void {
  const map = program.command('map').description('Secret keys mapped to the accounts whose passwords they hold');
  map
    .command('add <secretKey> <account>')
    .description('map KUBE_RESOURCE/SECRET:KEY to RESOURCE/ACCOUNT')
    .option('--template <text>', 'the key holds this text with {user} and {password} filled in')
    .action(async (secretKey: string, account: string, options: { template?: string }) => {
      const from = parseSecretKeyRef(secretKey);
      const to = parseAccountRef(account);
      await unlockVault(ctx);
      const added = await ctx.call('mapping:add', {
        from,
        to,
        ...(options.template !== undefined ? { template: options.template } : {}),
      });
      ctx.print(added, () => `mapped ${escapeName(mappingLine(added))}`);
    });
  map
    .command('remove <secretKey>')
    .description('remove the mapping of KUBE_RESOURCE/SECRET:KEY')
    .action(async (secretKey: string) => {
      const from = parseSecretKeyRef(secretKey);
      await unlockVault(ctx);
      const removed = await ctx.call('mapping:remove', { from });
      ctx.print(removed, () => `removed ${escapeName(mappingLine(removed))}`);
    });
  map
    .command('list')
    .description('mappings, of one resource (Kubernetes or rotatable) or of one account across clusters')
    .option('--resource <r>', 'only this resource')
    .option('--account <r/a>', 'only this account')
    .action(async (options: { resource?: string; account?: string }) => {
      const filter = {
        ...(options.resource ? { resource: options.resource } : {}),
        ...(options.account ? { account: parseAccountRef(options.account) } : {}),
      };
      await unlockVault(ctx);
      const list = await ctx.call('mapping:list', filter);
      ctx.print(list, () => (list.length > 0 ? list.map((m) => escapeName(mappingLine(m))).join('\n') : 'no mappings'));
    });
  registerMapAssistCommands(map, ctx);
}
