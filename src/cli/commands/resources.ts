// `strongroom resources list`: the fetched resources and their accounts as a table (or JSON), filtered in the vault.
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { AccountPage } from '../../shared/ipc/resources';
import type { ExportResult } from '../../shared/ipc/transfer';
import type { CliContext } from '../context';
import { escapeName } from '../terminal';
import { unlockVault } from '../unlock';

const PAGE = 1000;

export function registerResourcesCommand(program: Command, ctx: CliContext): void {
  const resources = program.command('resources').description('resources and accounts in the vault');
  resources
    .command('list')
    .description('list accounts (one per Secret): resource, Secret, type, keys, size, state')
    .option('--cluster <id>', 'only this cluster id')
    .option('--filter <text>', 'names containing this text')
    .option('--deleted', 'only accounts whose Secret is gone from the cluster')
    .action(async (options: { cluster?: string; filter?: string; deleted?: boolean }) => {
      await unlockVault(ctx);
      const filter = {
        ...(options.cluster ? { clusterId: options.cluster } : {}),
        ...(options.filter ? { text: options.filter } : {}),
        ...(options.deleted ? { state: 'deleted_in_cluster' as const } : {}),
      };
      const rows: AccountPage['rows'] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await ctx.call('resources:list', {
          offset,
          limit: PAGE,
          filter,
          sort: { by: 'resource', dir: 'asc' },
        });
        rows.push(...page.rows);
        if (rows.length >= page.total || page.rows.length === 0) break;
      }
      ctx.print(rows, () => {
        const lines = rows.map((r) =>
          [
            r.resourceName,
            r.name,
            r.type,
            String(r.keyCount),
            String(r.size),
            r.state === 'present' ? '' : 'deleted in cluster',
          ]
            .map(escapeName)
            .join('\t'),
        );
        return ['RESOURCE\tSECRET\tTYPE\tKEYS\tBYTES\tSTATE', ...lines].join('\n');
      });
    });
}

/** Resolves `strongroom export TARGET`: RESOURCE/SECRET (an account), a resource name, or a cluster name or id. */
export async function resolveExportTarget(
  ctx: CliContext,
  ref: string,
): Promise<
  | { kind: 'account'; accountId: number }
  | { kind: 'resource'; resourceId: number }
  | { kind: 'cluster'; clusterId: string }
> {
  const resources = await ctx.call('resources:resources', {});
  const slash = ref.lastIndexOf('/');
  if (slash > 0) {
    const [res, name] = [ref.slice(0, slash), ref.slice(slash + 1)];
    const resource = resources.find((r) => r.name === res) ?? resources.find((r) => r.namespace === res);
    if (resource) {
      const page = await ctx.call('resources:list', {
        limit: 1000,
        filter: { resourceId: resource.id, text: name },
      });
      const account = page.rows.find((r) => r.name === name);
      if (account) return { kind: 'account', accountId: account.id };
    }
  }
  const resource = resources.find((r) => r.name === ref);
  if (resource) return { kind: 'resource', resourceId: resource.id };
  const clusters = await ctx.call('clusters:list', {});
  const cluster = clusters.find((c) => c.id === ref) ?? clusters.find((c) => c.name === ref);
  if (cluster) return { kind: 'cluster', clusterId: cluster.id };
  throw new AppError(
    'not_found',
    `"${ref}" is not an account (RESOURCE/SECRET), a resource or a cluster in the vault.`,
    'See `strongroom resources list` for the names.',
  );
}

/** The vault-backed form of `strongroom export`: an account as one Secret, a resource or cluster as a List, or a bundle. */
export async function exportFromVault(
  ctx: CliContext,
  ref: string,
  options: { output: string; force?: boolean; bundle?: boolean; namespace?: string },
  passphrase: () => Promise<string>,
): Promise<ExportResult> {
  await unlockVault(ctx);
  const target = await resolveExportTarget(ctx, ref);
  const format = options.bundle ? 'bundle' : target.kind === 'account' ? 'json' : 'list';
  return ctx.call('resources:export', {
    target,
    format,
    path: path.resolve(options.output),
    overwrite: Boolean(options.force),
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.bundle ? { passphrase: await passphrase() } : {}),
  });
}
