// IPC handlers of the overview channels: read the overview, and set its stale threshold from Settings.
import type { AuditLog } from '../audit/service';
import type { Handlers } from '../ipc/dispatch';
import type { OverviewService } from './service';

export function overviewHandlers(
  overview: OverviewService,
  audit: AuditLog,
): Pick<Handlers, 'overview:get' | 'overview:set-stale-days'> {
  return {
    'overview:get': () => overview.get(),
    'overview:set-stale-days': ({ days }) =>
      audit.run('overview.settings', 'overview', () => overview.setStaleDays(days), { staleDays: days }),
  };
}
