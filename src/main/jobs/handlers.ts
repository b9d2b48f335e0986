// IPC handlers of the jobs channels: list the journal, cancel, run again, dismiss.
import type { AuditLog } from '../audit/service';
import type { Handlers } from '../ipc/dispatch';
import type { JobRunner } from './runner';

type JobsChannel = 'jobs:list' | 'jobs:cancel' | 'jobs:resume' | 'jobs:dismiss';

export function jobsHandlers(jobs: JobRunner, audit: AuditLog): Pick<Handlers, JobsChannel> {
  return {
    'jobs:list': (filter) => jobs.list(filter),
    'jobs:cancel': ({ jobId }) => {
      const cancelled = jobs.cancel(jobId);
      audit.record({ action: 'jobs.cancel', target: `job ${jobId}`, outcome: cancelled ? 'ok' : 'not_found' });
      return { cancelled };
    },
    'jobs:resume': ({ jobId }) => audit.run('jobs.resume', `job ${jobId}`, () => jobs.resume(jobId)),
    'jobs:dismiss': ({ jobId }) => audit.run('jobs.dismiss', `job ${jobId}`, () => jobs.dismiss(jobId)),
  };
}
