// IPC handlers of access: accounts, session start/end, and the session log.
import type { Handlers } from '../ipc/dispatch';
import type { AccessService } from './service';

type AccessHandlers = Pick<
  Handlers,
  'access:accounts' | 'access:addAccount' | 'access:start' | 'access:end' | 'access:sessions' | 'access:session'
>;

export function accessHandlers(access: AccessService): AccessHandlers {
  return {
    'access:accounts': ({ clusterId }) => access.accounts(clusterId),
    'access:addAccount': ({ clusterId, name, namespace, serviceAccount }) =>
      access.addAccount(clusterId, { name, namespace, serviceAccount }),
    'access:start': (input) => access.start(input),
    'access:end': ({ id }) => access.end(id),
    'access:sessions': ({ limit }) => access.list(limit),
    'access:session': ({ id }) => access.show(id),
  };
}
