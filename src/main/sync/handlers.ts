// IPC handlers of the sync and resources channels: browse, fetch, sync, cancel, purge, schedule, review, reveal, diff, export.
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { Handlers } from '../ipc/dispatch';
import { decodeValue } from '../transfer/decode';
import { destinationFor, type SaveDialog } from '../transfer/destination';
import type { VaultService } from '../vault/service';
import { exportFromVault } from './export';
import * as repo from './repo';
import * as review from './review';
import type { SyncScheduler } from './schedule';
import type { SyncService } from './service';

export interface SyncHandlerDeps {
  vault: VaultService;
  audit: AuditLog;
  clock: Clock;
  sync: SyncService;
  scheduler: SyncScheduler;
  /** Electron's save dialog, run by main, for exports from a window. */
  saveDialog?: SaveDialog | undefined;
}

type SyncChannels =
  | 'sync:browseNamespaces'
  | 'sync:browseSecrets'
  | 'sync:fetch'
  | 'sync:sync'
  | 'sync:cancel'
  | 'sync:purgeDeleted'
  | 'sync:scheduleGet'
  | 'sync:scheduleSet'
  | 'resources:resources'
  | 'resources:list'
  | 'resources:account'
  | 'resources:reveal'
  | 'resources:history'
  | 'resources:diff'
  | 'resources:export';

export function syncHandlers(d: SyncHandlerDeps): Pick<Handlers, SyncChannels> {
  const db = () => d.vault.db();
  const target = (a: { namespace: string | null; name: string; resource_name: string }) =>
    `${a.resource_name}/${a.name}`;
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
    'resources:resources': ({ clusterId }) => review.listResources(db(), clusterId),
    'resources:list': (query) => review.listAccounts(db(), query),
    'resources:account': ({ accountId }) => review.accountDetail(db(), accountId),
    'resources:reveal': ({ accountId, key, versionId, view }) => {
      try {
        const { account, version, bytes } = review.storedValue(db(), accountId, key, versionId);
        const value = decodeValue(bytes, {
          key,
          secretType: account.secret_type,
          now: d.clock.now(),
          ...(view ? { view } : {}),
        });
        bytes.fill(0);
        d.audit.record({
          action: 'secret.reveal',
          target: target(account),
          outcome: 'ok',
          details: { key, versionId: version.id },
        });
        return { accountId, versionId: version.id, key, value };
      } catch (error) {
        d.audit.record({
          action: 'secret.reveal',
          target: `account ${accountId}`,
          outcome: (error as AppError).code ?? 'internal',
          details: { key },
        });
        throw error;
      }
    },
    'resources:history': ({ accountId }) => review.history(db(), accountId),
    'resources:diff': ({ accountId, fromVersionId, toVersionId, reveal, view }) => {
      const account = review.requireAccount(db(), accountId);
      const from = repo.versionById(db(), accountId, fromVersionId);
      const to = repo.versionById(db(), accountId, toVersionId);
      if (!from || !to) throw new AppError('not_found', 'One of these versions is not in the vault.');
      const now = d.clock.now();
      const decode = reveal
        ? (key: string, bytes: Buffer) =>
            decodeValue(bytes, { key, secretType: account.secret_type, now, ...(view ? { view } : {}) })
        : undefined;
      const keys = review.diffKeys(from, to, decode);
      if (reveal) {
        d.audit.record({
          action: 'secret.reveal',
          target: target(account),
          outcome: 'ok',
          details: { diff: [from.id, to.id], keys: keys.filter((k) => k.status !== 'same').map((k) => k.key) },
        });
      }
      return {
        accountId,
        from: review.versionSummary(from),
        to: review.versionSummary(to),
        keys,
        revealed: Boolean(reveal),
      };
    },
    'resources:export': (input, ctx) =>
      exportFromVault(db(), input, d.audit, destinationFor(input, ctx.transport, d.saveDialog)),
  };
}
