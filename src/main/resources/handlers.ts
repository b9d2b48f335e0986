// IPC handlers of the resources channels: the stored resources and accounts, their history, reveal and diff.
import { AppError, isAppError } from '../../shared/errors';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { Handlers } from '../ipc/dispatch';
import { decodeValue } from '../values/decode';
import type { VaultService } from '../vault/service';
import * as repo from './repo';
import * as review from './review';

export interface ResourceHandlerDeps {
  vault: VaultService;
  audit: AuditLog;
  clock: Clock;
}

type ResourceChannels =
  | 'resources:resources'
  | 'resources:list'
  | 'resources:account'
  | 'resources:reveal'
  | 'resources:history'
  | 'resources:diff';

export function resourceHandlers(d: ResourceHandlerDeps): Pick<Handlers, ResourceChannels> {
  const db = () => d.vault.db();
  const target = (a: { namespace: string | null; name: string; resource_name: string }) =>
    `${a.resource_name}/${a.name}`;
  return {
    'resources:resources': ({ clusterId }) => review.listResources(db(), clusterId),
    'resources:list': (query) => review.listAccounts(db(), query),
    'resources:account': ({ accountId }) => review.accountDetail(db(), accountId),
    'resources:reveal': ({ accountId, key, versionId, view }) => {
      // The same target on success and on failure, so that every reveal of one account is found by it.
      const known = repo.accountById(db(), accountId);
      const revealed = known ? target(known) : `account ${accountId}`;
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
          target: revealed,
          outcome: 'ok',
          details: { key, versionId: version.id },
        });
        return { accountId, versionId: version.id, key, value };
      } catch (error) {
        d.audit.record({
          action: 'secret.reveal',
          target: revealed,
          outcome: isAppError(error) ? error.code : 'internal',
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
  };
}
