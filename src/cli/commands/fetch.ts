// `strongroom fetch CLUSTER [--namespace NS]... [--secret NS/NAME]...`: bring Secrets into the vault, with progress on stderr.
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { CliContext } from '../context';
import { unlockVault } from '../unlock';
import { reportText, resolveCluster, runWithProgress } from './sync';

function parseSecretRef(ref: string): { namespace: string; name: string } {
  const [namespace, name, extra] = ref.split('/');
  if (!namespace || !name || extra !== undefined)
    throw new AppError('invalid_input', `"${ref}" is not NAMESPACE/NAME.`);
  return { namespace, name };
}

export function registerFetchCommand(program: Command, ctx: CliContext): void {
  program
    .command('fetch')
    .argument('<cluster>', 'cluster name or id')
    .description('fetch whole namespaces (all allowed ones by default) or single Secrets into the vault')
    .option('-n, --namespace <ns...>', 'namespaces to fetch')
    .option('--secret <ns/name...>', 'single Secrets to fetch')
    .option('--show-hidden', 'also fetch Helm release Secrets and service-account tokens')
    .action(async (ref: string, options: { namespace?: string[]; secret?: string[]; showHidden?: boolean }) => {
      const app = await unlockVault(ctx);
      const cluster = await resolveCluster(ctx, ref);
      const report = await runWithProgress(ctx, app, (jobId) =>
        ctx.call('sync:fetch', {
          clusterId: cluster.id,
          jobId,
          ...(options.namespace ? { namespaces: options.namespace } : {}),
          ...(options.secret ? { secrets: options.secret.map(parseSecretRef) } : {}),
          ...(options.showHidden ? { showHidden: true } : {}),
        }),
      );
      ctx.print(report, () => reportText(report));
      if (report.totals.failed > 0 || report.cancelled) process.exitCode = 1;
    });
}
