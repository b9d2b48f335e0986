// What the transfer services need from the rest of main, as small interfaces (the audit log fits `TransferAudit`).
import type { AuditSink } from '../../shared/audit-catalog';

/** Transfer records opens, reveals, imports and exports; the audit log fits. */
export type TransferAudit = Pick<AuditSink, 'record'>;
