// IPC handlers of the audit channels: list for the Audit view, verify the chain, export.
import type { Handlers } from '../ipc/dispatch';
import { destinationFor, type SaveDialog } from '../ipc/export-destination';
import type { AuditLog } from './service';

export function auditHandlers(
  audit: AuditLog,
  saveDialog?: SaveDialog,
): Pick<Handlers, 'audit:list' | 'audit:facets' | 'audit:verify' | 'audit:export'> {
  return {
    'audit:list': (query) => audit.list(query),
    'audit:facets': () => audit.facets(),
    'audit:verify': () => {
      const result = audit.verify();
      // Recorded after the check, so the event itself is never part of what it reports on.
      audit.record({
        action: 'audit.verify',
        target: 'audit',
        outcome: 'ok',
        details: { intact: result.ok, checked: result.checked, firstBadSeq: result.firstBad?.seq ?? null },
      });
      return result;
    },
    // Main decides where the file goes (a window's path is refused). A closed save dialog exports
    // nothing, so it is not recorded; the filter is, so the log says which part of it left the vault.
    'audit:export': async (input, ctx) => {
      const { format, filter = {} } = input;
      const where = await destinationFor(input, ctx.transport, saveDialog)();
      const target = where.kind === 'file' ? where.path : `download ${where.fileName}`;
      return audit.run('audit.export', target, () => audit.export(format, where, filter), { format, filter });
    },
  };
}
