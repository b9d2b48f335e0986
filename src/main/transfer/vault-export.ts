// The vault-backed export: accounts read from the resources store, written by transfer's exporter.
import type { ExportResult } from '../../shared/ipc/transfer';
import type { ExportDestination } from '../ipc/export-destination';
import { type ExportTarget, secretsFor } from '../resources/export';
import type { WritableDB } from '../vault/db';
import { exportSecrets } from './export';
import type { TransferAudit } from './ports';

export interface VaultExportRequest {
  target: ExportTarget;
  format: 'json' | 'list' | 'bundle';
  namespace?: string;
  includeDeleted?: boolean;
  passphrase?: string;
}

/** Exports from the vault through transfer's writer (atomic, 0600, audited there) to where main decided. */
export async function exportFromVault(
  db: WritableDB,
  req: VaultExportRequest,
  audit: TransferAudit,
  destination: () => Promise<ExportDestination>,
): Promise<ExportResult> {
  const { secrets, source } = secretsFor(db, req.target, req.includeDeleted);
  return exportSecrets(
    secrets,
    {
      format: req.format,
      destination,
      source,
      ...(req.namespace ? { namespace: req.namespace } : {}),
      ...(req.passphrase ? { passphrase: req.passphrase } : {}),
    },
    audit,
  );
}
