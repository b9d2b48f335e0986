// IPC handlers of the audit channels: list for the Audit view, verify the chain, export.
import type { Handlers } from '../ipc/dispatch';
import type { AuditLog } from './service';

export function auditHandlers(
  audit: AuditLog,
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
    // The filter is recorded with the export, so the log says which part of it left the vault.
    'audit:export': ({ format, path, filter = {} }) =>
      audit.run('audit.export', path, () => audit.export(format, path, filter), { format, filter }),
  };
}
