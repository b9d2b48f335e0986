// `strongroom jobs list [--state S] [--json]`: the job journal, with jobs a crash or kill interrupted.
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import { JOB_STATES, type JobState, type JobSummary } from '../../shared/ipc/jobs';
import type { CliContext } from '../context';
import { unlockVault } from '../unlock';

function jobLine(j: JobSummary): string {
  const when = new Date(j.startedAt).toISOString();
  const step = j.step ? ` at ${j.step}` : '';
  const again = j.resumable ? ' (can run again)' : '';
  return `${j.id}  ${j.state.padEnd(11)}  ${when}  ${j.label}${step}${again}`;
}

export function registerJobsCommand(program: Command, ctx: CliContext): void {
  const jobs = program.command('jobs').description('long-running jobs (fetch, sync) as journalled in the vault');
  jobs
    .command('list')
    .description('list journalled jobs, newest first; unlocking marks those whose process is gone as interrupted')
    .option('--state <state>', `only jobs in this state (${JOB_STATES.join(', ')})`)
    .action(async (options: { state?: string }) => {
      const state = options.state;
      if (state !== undefined && !(JOB_STATES as readonly string[]).includes(state))
        throw new AppError('invalid_input', `"${state}" is not a job state.`, `Use one of: ${JOB_STATES.join(', ')}.`);
      await unlockVault(ctx);
      const list = await ctx.call('jobs:list', state ? { state: state as JobState } : {});
      ctx.print(list, () => (list.length > 0 ? list.map(jobLine).join('\n') : 'no jobs in the journal'));
    });
}
