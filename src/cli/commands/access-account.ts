// `strongroom access-account list|add`: a cluster's just-in-time access accounts (view, edit, admin and custom ones).
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { AccessAccount } from '../../shared/ipc/access';
import type { CliContext } from '../context';
import { unlockVault } from '../unlock';
import { resolveCluster } from './sync';

function describeAccounts(accounts: AccessAccount[]): string {
  return accounts
    .map((a) => `${a.name.padEnd(16)} ${a.namespace}/${a.serviceAccount}${a.builtIn ? '  (setup YAML)' : ''}`)
    .join('\n');
}

export function registerAccessAccountCommand(program: Command, ctx: CliContext): void {
  const cmd = program.command('access-account').description("a cluster's just-in-time access accounts");
  cmd
    .command('list')
    .argument('<cluster>', 'cluster name or id')
    .description('list the accounts a session can use')
    .action(async (ref: string) => {
      await unlockVault(ctx);
      const cluster = await resolveCluster(ctx, ref);
      const accounts = await ctx.call('access:accounts', { clusterId: cluster.id });
      ctx.print(accounts, () => describeAccounts(accounts));
    });
  cmd
    .command('add')
    .argument('<cluster>', 'cluster name or id')
    .argument('<name>', 'short name to choose it by')
    .requiredOption('--service-account <ns/sa>', 'the ServiceAccount whose tokens the session mints')
    .description("add a custom account (Strongroom's own account must be allowed to create its tokens)")
    .action(async (ref: string, name: string, o: { serviceAccount: string }) => {
      const [namespace, serviceAccount, ...rest] = o.serviceAccount.split('/');
      if (!namespace || !serviceAccount || rest.length > 0)
        throw new AppError(
          'invalid_input',
          `"${o.serviceAccount.slice(0, 80)}" is not NAMESPACE/NAME.`,
          'Write it like ops/deployer.',
        );
      await unlockVault(ctx);
      const cluster = await resolveCluster(ctx, ref);
      const added = await ctx.call('access:addAccount', {
        clusterId: cluster.id,
        name,
        namespace,
        serviceAccount,
      });
      ctx.print(
        added,
        () => `added access account "${added.name}" (${namespace}/${serviceAccount}) to ${cluster.name}`,
      );
    });
}
