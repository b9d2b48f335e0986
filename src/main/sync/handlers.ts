// IPC handlers of the sync channels: browse, fetch, sync, cancel, purge and schedule.
import type { AuditLog } from '../audit/service';
import type { Handlers } from '../ipc/dispatch';
import type { SyncScheduler } from './schedule';
import type { SyncService } from './service';

export interface SyncHandlerDeps {
  audit: AuditLog;
  sync: SyncService;
  scheduler: SyncScheduler;
  /** Electron's save dialog, run by main, for exports from a window. */
}

type SyncChannels =
  | 'sync:browseNamespaces'
  | 'sync:browseSecrets'
  | 'sync:fetch'
  | 'sync:sync'
  | 'sync:cancel'
  | 'sync:purgeDeleted'
  | 'sync:scheduleGet'
  | 'sync:scheduleSet';

export function syncHandlers(d: SyncHandlerDeps): Pick<Handlers, SyncChannels> {
  return {
    'sync:browseNamespaces': ({ clusterId }) =>
      d.audit.run('sync.browse', `cluster ${clusterId}`, () => d.sync.browseNamespaces(clusterId)),
    'sync:browseSecrets': ({ clusterId, namespace, showHidden }) =>
      d.audit.run('sync.browse', `cluster ${clusterId} namespace ${namespace}`, () =>
        d.sync.browseSecrets(clusterId, namespace, showHidden),
      ),
    'sync:fetch': (input) => d.sync.fetch(input),
    'sync:sync': (input) => d.sync.sync(input),
    'sync:cancel': ({ jobId }) => {
      const cancelled = d.sync.cancel(jobId);
      d.audit.record({ action: 'sync.cancel', target: `job ${jobId}`, outcome: cancelled ? 'ok' : 'not_found' });
      return { cancelled };
    },
    'sync:purgeDeleted': (input) => ({ purged: d.sync.purgeDeleted(input) }),
    'sync:scheduleGet': ({ clusterId }) => d.scheduler.get(clusterId),
    'sync:scheduleSet': ({ clusterId, schedule, enabled }) => d.scheduler.set(clusterId, schedule, enabled),
  };
}
