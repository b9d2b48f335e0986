// What the transfer services need from the rest of main, as small interfaces (the audit log fits `TransferAudit`).
import type { ErrorCode } from '../../shared/errors';

/** One audited action; `details` never holds a secret value. Matches the audit log's `record`. */
export interface TransferAuditRecord {
  action: string;
  target: string;
  outcome: 'ok' | ErrorCode;
  details?: Record<string, unknown>;
}

export interface TransferAudit {
  record(event: TransferAuditRecord): void;
}
