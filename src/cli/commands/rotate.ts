// `strongroom rotate RESOURCE/ACCOUNT [--no-restart] [--dry-run]`: rotate one password now, or print the plan.
import type { Command } from 'commander';
import type { RotationPlanData, RotationResultData } from '../../shared/ipc/mapping';
import type { CliContext } from '../context';
import { parseAccountRef } from '../refs';
import { unlockVault } from '../unlock';

function planLines(plan: RotationPlanData, restart: boolean): string[] {
  const restarting = plan.consumers.filter((c) => restart && !c.agentSidecar);
  return [
    `keys to write (${plan.keys.length}):`,
    ...plan.keys.map((k) => `  ${k.clusterId} ${k.namespace}/${k.secret}:${k.key}`),
    `workloads to restart (${restarting.length}):`,
    ...plan.consumers.map(
      (c) =>
        `  ${c.kind} ${c.namespace}/${c.name} (${c.uses.join(', ')})${c.agentSidecar ? ' skipped: agent sidecar refreshes it' : restart ? '' : ' skipped: --no-restart'}`,
    ),
  ];
}

/** A finished rotation, resume or roll back: each Secret written and each workload restarted. */
export function resultText(headline: string, done: RotationResultData): string {
  return [
    `${headline} (rotation ${done.rotationId}, job ${done.jobId})`,
    ...done.writes.map((w) => `  ${w.outcome} ${w.namespace}/${w.secret} [${w.keys.join(', ')}]`),
    ...done.restarts.map((r) => `  ${r.outcome} ${r.kind} ${r.namespace}/${r.name}`),
  ].join('\n');
}

export function registerRotateCommand(program: Command, ctx: CliContext): void {
  program
    .command('rotate <account>')
    .description(
      'rotate RESOURCE/ACCOUNT: new password at the target, verified, written to mapped keys, consumers restarted',
    )
    .option('--no-restart', 'do not restart the workloads that use the Secrets')
    .option('--dry-run', 'print the plan (keys to write, workloads to restart) and change nothing')
    .action(async (ref: string, options: { restart: boolean; dryRun?: boolean }) => {
      const { resource, account } = parseAccountRef(ref);
      await unlockVault(ctx);
      if (options.dryRun) {
        const plan = await ctx.call('rotation:plan', { resource, account });
        ctx.print(plan, () =>
          [`plan for ${resource}/${account} (dry run, nothing changed)`, ...planLines(plan, options.restart)].join(
            '\n',
          ),
        );
        return;
      }
      const done = await ctx.call('rotation:rotate', {
        resource,
        account,
        restart: options.restart,
      });
      ctx.print(done, () => resultText(`rotated ${resource}/${account}`, done));
    });
}
