// `strongroom sync CLUSTER [--purge-deleted]`, plus what fetch shares with it: cluster lookup, progress on stderr, the report.
import crypto from 'node:crypto';
import type { Command } from 'commander';
import type { App } from '../../main/app';
import type { ClusterSummary } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import type { SyncReport } from '../../shared/ipc/sync';
import type { CliContext } from '../context';
import { unlockVault } from '../unlock';

/** Finds a saved cluster by id or name. */
export async function resolveCluster(ctx: CliContext, ref: string): Promise<ClusterSummary> {
  const all = await ctx.call('clusters:list', {});
  const hit = all.find((c) => c.id === ref) ?? all.find((c) => c.name === ref);
  if (!hit) {
    throw new AppError(
      'not_found',
      `There is no cluster "${ref}".`,
      `Known clusters: ${all.map((c) => c.name).join(', ') || 'none'}.`,
    );
  }
  return hit;
}

/**
 * Runs a fetch or sync call under a new job id: draws a progress bar on stderr when it is a TTY, and
 * turns Ctrl+C into `sync:cancel` (namespaces already committed stay).
 */
export async function runWithProgress(
  ctx: CliContext,
  app: App,
  run: (jobId: string) => Promise<SyncReport>,
): Promise<SyncReport> {
  const jobId = crypto.randomUUID();
  const tty = process.stderr.isTTY === true && !ctx.json;
  const off = app.events.subscribe((name, p) => {
    if (name !== 'sync:progress' || !tty) return;
    const e = p as {
      jobId: string;
      namespacesDone: number;
      namespacesTotal: number;
      secretsDone: number;
      secretsTotal: number;
    };
    if (e.jobId !== jobId) return;
    const width = 30;
    const share = e.namespacesTotal ? e.namespacesDone / e.namespacesTotal : 0;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    process.stderr.write(`\r[${bar}] ${e.namespacesDone}/${e.namespacesTotal} namespaces, ${e.secretsDone} Secrets `);
  });
  const onSigint = () => void app.call('sync:cancel', { jobId });
  process.once('SIGINT', onSigint);
  try {
    return await run(jobId);
  } finally {
    off();
    process.off('SIGINT', onSigint);
    if (tty) process.stderr.write('\n');
  }
}

/** The human form of a report: one line per namespace that did something or failed, then totals. */
export function reportText(r: SyncReport): string {
  const lines: string[] = [];
  for (const n of r.namespaces) {
    if (n.error) lines.push(`${n.namespace}: FAILED ${n.error.code}: ${n.error.message}`);
    else if (n.outcome === 'cancelled') lines.push(`${n.namespace}: cancelled`);
    else if (n.added + n.changed + n.deleted > 0) {
      lines.push(
        `${n.namespace}: +${n.added} added, ~${n.changed} changed, -${n.deleted} deleted, ${n.unchanged} unchanged`,
      );
    }
  }
  const t = r.totals;
  const seconds = ((r.finishedAt - r.startedAt) / 1000).toFixed(1);
  lines.push(
    `${r.kind} ${r.cancelled ? 'cancelled' : 'done'} in ${seconds} s: ${t.added} added, ${t.changed} changed, ${t.deleted} deleted, ${t.unchanged} unchanged, ${t.failed} namespaces failed${r.shortCircuit ? ' (cluster unchanged since last sync)' : ''}`,
  );
  return lines.join('\n');
}

export function registerSyncCommand(program: Command, ctx: CliContext): void {
  program
    .command('sync')
    .argument('<cluster>', 'cluster name or id')
    .description('bring the fetched namespaces up to date: add new Secrets, update changed ones, mark deleted ones')
    .option('--namespace <ns...>', 'only these namespaces')
    .option('--purge-deleted', 'then remove accounts whose Secret is gone from the cluster')
    .action(async (ref: string, options: { namespace?: string[]; purgeDeleted?: boolean }) => {
      const app = await unlockVault(ctx);
      const cluster = await resolveCluster(ctx, ref);
      const report = await runWithProgress(ctx, app, (jobId) =>
        ctx.call('sync:sync', {
          clusterId: cluster.id,
          jobId,
          ...(options.namespace ? { namespaces: options.namespace } : {}),
        }),
      );
      let purged: number | undefined;
      if (options.purgeDeleted && !report.cancelled) {
        purged = (await ctx.call('sync:purgeDeleted', { clusterId: cluster.id })).purged;
      }
      ctx.print(purged === undefined ? report : { ...report, purged }, () =>
        purged === undefined ? reportText(report) : `${reportText(report)}\npurged ${purged} deleted accounts`,
      );
      if (report.totals.failed > 0 || report.cancelled) process.exitCode = 1;
    });
}
