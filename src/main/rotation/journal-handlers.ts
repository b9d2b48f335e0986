// IPC handlers of the rotation journal (list, resume, roll back), password policies, schedules and the accounts table.

import type { AuditLog } from '../audit/service';
import type { Handlers } from '../ipc/dispatch';
import type { WritableDB } from '../vault/db';
import type { RotationScheduler } from './rotation-schedule';
import type { RotationService } from './rotation-service';
import { getPolicy, listTargetAccounts, setPolicy } from './target-store';

type JournalChannel =
  | 'rotation:list'
  | 'rotation:resume'
  | 'rotation:rollback'
  | 'rotation:accounts'
  | 'rotation:policy'
  | 'rotation:setPolicy'
  | 'rotation:setSchedule';

export function rotationJournalHandlers(deps: {
  db: () => WritableDB;
  audit: AuditLog;
  rotation: RotationService;
  scheduler: RotationScheduler;
}): Pick<Handlers, JournalChannel> {
  const { db, audit, rotation, scheduler } = deps;
  return {
    'rotation:list': ({ account }) => rotation.list(account),
    'rotation:resume': ({ id }) => rotation.resume(id),
    'rotation:rollback': ({ id, restart }) => rotation.rollback(id, restart),
    'rotation:accounts': () =>
      listTargetAccounts(db()).map((a) => ({
        resource: a.resource,
        account: a.name,
        type: a.type,
        policy: a.policy,
        schedule: scheduler.byAccountId(a.id),
        mappedKeys: a.mappedKeys,
        rotatedAt: a.rotatedAt,
      })),
    'rotation:policy': ({ resource }) => getPolicy(db(), resource),
    'rotation:setPolicy': ({ resource, policy }) =>
      audit.run('rotation.policy', `resource ${resource}`, () => setPolicy(db(), resource, policy), { ...policy }),
    'rotation:setSchedule': ({ resource, account, ...input }) => scheduler.set(resource, account, input),
  };
}
