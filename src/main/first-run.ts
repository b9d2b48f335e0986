// `npm start`'s first run: once a new vault exists, the demo cluster is connected and fetched without a click.
import { randomUUID } from 'node:crypto';
import { isAppError } from '../shared/errors';
import { connectDemo, type DemoTarget } from './app-handlers';
import type { ClusterService } from './clusters/cluster-service';
import type { EventBus } from './events';
import type { Handlers } from './ipc/dispatch';
import type { Logger } from './log';
import type { SyncService } from './sync/service';

export interface FirstRunDeps {
  demo: DemoTarget;
  clusters: ClusterService;
  sync: SyncService;
  events: EventBus;
  log: Logger;
}

/**
 * Connects the demo cluster and fetches all of it, telling the page through notices; the fetch's own
 * job and progress events drive the Resources view. Failures become a notice, never a crash.
 */
export async function connectAndFetchDemo(deps: FirstRunDeps): Promise<void> {
  const { events, log } = deps;
  try {
    const { clusterId, name } = await connectDemo(deps.clusters, deps.demo);
    events.emit('app:notice', {
      level: 'info',
      message: `Connected the demo cluster "${name}"; fetching its sample Secrets (see Resources).`,
    });
    const report = await deps.sync.fetch({ clusterId, jobId: randomUUID() });
    const { added, failed } = report.totals;
    events.emit('app:notice', {
      level: failed > 0 ? 'warning' : 'info',
      message: `Fetched ${added} Secret(s) from the demo cluster "${name}"${failed > 0 ? `; ${failed} namespace(s) failed` : ''}.`,
    });
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'first-run demo fetch failed');
    events.emit('app:notice', {
      level: 'error',
      message: `The demo cluster could not be connected and fetched: ${isAppError(error) ? error.message : 'unexpected error'}`,
      ...(isAppError(error) && error.fix ? { fix: error.fix } : {}),
    });
  }
}

/** Wraps `vault:init` so that a vault created with the demo running starts the demo's first fetch. */
export function withDemoFirstRun(init: Handlers['vault:init'], deps: FirstRunDeps): Handlers['vault:init'] {
  return async (input, ctx) => {
    const created = await init(input, ctx);
    void connectAndFetchDemo(deps);
    return created;
  };
}
