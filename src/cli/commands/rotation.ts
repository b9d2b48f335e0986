// `strongroom rotation list|resume|rollback|schedule`: the rotation journal, finishing or undoing a rotation, and rotation schedules.
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { RotationSummary } from '../../shared/ipc/rotation';
import type { CliContext } from '../context';
import { parseAccountRef } from '../refs';
import { unlockVault } from '../unlock';
import { resultText } from './rotate';

function rotationLine(r: RotationSummary): string {
  const when = new Date(r.startedAt).toISOString();
  const step = r.step ? ` at ${r.step}` : '';
  const error = r.errorCode ? ` (${r.errorCode})` : '';
  const can = [r.resumable ? 'resume' : '', r.rollbackable ? 'rollback' : ''].filter(Boolean).join(', ');
  return `${r.id}  ${r.state.padEnd(11)}  ${when}  ${r.resource}/${r.account}${step}${error}${can ? `  can: ${can}` : ''}`;
}

export function registerRotationCommand(program: Command, ctx: CliContext): void {
  const rotation = program.command('rotation').description('the rotation journal: list, resume, roll back, schedule');
  rotation
    .command('list')
    .description('rotations newest first: in progress, interrupted, failed, completed, rolled back, with their step')
    .option('--account <RESOURCE/ACCOUNT>', 'only the rotations of this account')
    .action(async (options: { account?: string }) => {
      const account = options.account ? parseAccountRef(options.account) : undefined;
      await unlockVault(ctx);
      const list = await ctx.call('rotation:list', account ? { account } : {});
      ctx.print(list, () => (list.length > 0 ? list.map(rotationLine).join('\n') : 'no rotations in the journal'));
    });
  rotation
    .command('resume <id>')
    .description('continue an interrupted or failed rotation from its journal')
    .action(async (id: string) => {
      await unlockVault(ctx);
      const done = await ctx.call('rotation:resume', { id });
      ctx.print(done, () => resultText(`resumed the rotation of ${done.resource}/${done.account}`, done));
    });
  rotation
    .command('rollback <id>')
    .description('put the old password back at the target and in every mapped key, then restart consumers')
    .option('--no-restart', 'do not restart the workloads that use the Secrets')
    .action(async (id: string, options: { restart: boolean }) => {
      await unlockVault(ctx);
      const done = await ctx.call('rotation:rollback', { id, restart: options.restart });
      ctx.print(done, () => resultText(`rolled back the rotation of ${done.resource}/${done.account}`, done));
    });
  rotation
    .command('schedule <account>')
    .description('rotate RESOURCE/ACCOUNT on a cron schedule while the app is open and the vault unlocked')
    .option('--cron <expr>', 'five-field cron expression, e.g. "0 3 * * 0"')
    .option('--off', 'remove the schedule')
    .option('--disabled', 'keep the schedule but do not run it')
    .option('--no-restart', 'do not restart the workloads that use the Secrets')
    .action(async (ref: string, options: { cron?: string; off?: boolean; disabled?: boolean; restart: boolean }) => {
      const { resource, account } = parseAccountRef(ref);
      const cron = options.off ? null : (options.cron ?? null);
      if (cron === null && !options.off)
        throw new AppError('invalid_input', 'Give --cron EXPR, or --off to remove the schedule.');
      await unlockVault(ctx);
      const saved = await ctx.call('rotation:setSchedule', {
        resource,
        account,
        cron,
        enabled: !options.disabled,
        restart: options.restart,
      });
      ctx.print(saved, () =>
        saved
          ? `${resource}/${account} rotates at "${saved.cron}"${saved.enabled ? '' : ' (disabled)'}; next ${saved.nextRun ? new Date(saved.nextRun).toISOString() : 'never'}`
          : `${resource}/${account} has no rotation schedule`,
      );
    });
}
