// IPC handlers of rotation targets and mappings: add a PostgreSQL server or account, map, unmap, list; each audited.
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { Handlers } from '../ipc/dispatch';
import type { WritableDB } from '../vault/db';
import { addMapping, listMappings, removeMapping } from './mapping-store';
import type { RotationService } from './rotation-service';
import { addPostgresResource, addTargetAccount } from './target-store';

type MappingChannel = 'targets:addPostgres' | 'targets:addAccount' | 'mapping:add' | 'mapping:remove' | 'mapping:list';

export function mappingHandlers(db: () => WritableDB, audit: AuditLog, clock: Clock): Pick<Handlers, MappingChannel> {
  return {
    'targets:addPostgres': ({ adminPassword, ...input }) =>
      audit.run(
        'targets.add',
        `resource ${input.name}`,
        () =>
          addPostgresResource(
            db(),
            {
              ...input,
              adminPassword,
              ...(input.database ? { database: input.database } : {}),
              ...(input.caPem ? { caPem: input.caPem } : {}),
            },
            clock.now(),
          ),
        { type: 'PostgreSQL', host: input.host, port: input.port, tlsMode: input.tlsMode },
      ),
    'targets:addAccount': ({ resource, account, password }) =>
      audit.run('targets.account_add', `account ${resource}/${account}`, () =>
        addTargetAccount(db(), resource, account, password, clock.now()),
      ),
    'mapping:add': ({ from, to, template }) =>
      audit.run(
        'mapping.add',
        `${from.kubeResource}/${from.secret}:${from.key}`,
        () => addMapping(db(), from, to, template, clock.now()),
        { account: `${to.resource}/${to.account}`, templated: template !== undefined },
      ),
    'mapping:remove': ({ from }) =>
      audit.run('mapping.remove', `${from.kubeResource}/${from.secret}:${from.key}`, () => removeMapping(db(), from)),
    'mapping:list': (filter) =>
      listMappings(db(), {
        ...(filter.resource ? { resource: filter.resource } : {}),
        ...(filter.account ? { account: filter.account } : {}),
      }),
  };
}

/** The rotation channels: the impact preview and rotate now (audited inside the service). */
export function rotationHandlers(rotation: RotationService): Pick<Handlers, 'rotation:plan' | 'rotation:rotate'> {
  return {
    'rotation:plan': ({ resource, account }) => rotation.plan(resource, account),
    'rotation:rotate': ({ resource, account, restart }) => rotation.rotate(resource, account, { restart }),
  };
}
