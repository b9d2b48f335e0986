// IPC handlers of transfer: offline review sessions, their export and import, and the export of the vault's resources.
import { AppError, isAppError } from '../../shared/errors';
import type { Handlers } from '../ipc/dispatch';
import { destinationFor, type SaveDialog } from '../ipc/export-destination';
import { importFileSecrets } from '../resources/import-file';
import type { WritableDB } from '../vault/db';
import { exportSecrets } from './export';
import type { OfflineReviewService } from './offline';
import type { TransferAudit } from './ports';
import { exportFromVault } from './vault-export';

type TransferHandlers = Pick<
  Handlers,
  | 'transfer:openOffline'
  | 'transfer:revealOffline'
  | 'transfer:closeOffline'
  | 'transfer:exportOffline'
  | 'transfer:importOffline'
  | 'resources:export'
>;

/** Where an import writes: the vault's handle, taken at the moment of the call. */
export interface ImportTarget {
  db(): WritableDB;
  now(): number;
}

export function transferHandlers(
  offline: OfflineReviewService,
  audit: TransferAudit,
  vault: ImportTarget,
  saveDialog?: SaveDialog,
): TransferHandlers {
  const chosen = (sessionId: string, indexes: number[] | undefined) => {
    const all = offline.secretsOf(sessionId);
    const secrets = indexes === undefined ? all : indexes.map((i) => all[i]);
    if (secrets.some((s) => s === undefined)) throw new AppError('not_found', 'A chosen Secret is not in this file.');
    return secrets.filter((s) => s !== undefined);
  };
  return {
    'transfer:openOffline': ({ fileName, content, passphrase }) => {
      const body = content.encoding === 'text' ? content.text : new Uint8Array(Buffer.from(content.base64, 'base64'));
      return offline.open(fileName, body, passphrase);
    },
    'transfer:revealOffline': ({ sessionId, secretIndex, key, view }) =>
      offline.reveal(sessionId, secretIndex, key, view),
    'transfer:closeOffline': ({ sessionId }) => ({ closed: offline.close(sessionId) }),
    'transfer:importOffline': ({ sessionId, indexes, name }) => {
      const file = offline.fileNameOf(sessionId);
      try {
        const secrets = chosen(sessionId, indexes);
        const db = vault.db();
        // The event is written in the import's transaction: the vault never holds an import the log does not show.
        return db.transaction(() => {
          const result = importFileSecrets(db, secrets, name, vault.now());
          audit.record({
            action: 'offline.import',
            target: file,
            outcome: 'ok',
            details: { secrets: secrets.length, resources: result.resources.map((r) => r.name) },
          });
          return result;
        })();
      } catch (error) {
        audit.record({ action: 'offline.import', target: file, outcome: isAppError(error) ? error.code : 'internal' });
        throw error;
      }
    },
    'transfer:exportOffline': (input, ctx) => {
      const { sessionId, indexes, format, namespace, passphrase } = input;
      return exportSecrets(
        chosen(sessionId, indexes),
        {
          format,
          namespace,
          passphrase,
          destination: destinationFor(input, ctx.transport, saveDialog),
          source: `file ${offline.fileNameOf(sessionId)}`,
        },
        audit,
      );
    },
    'resources:export': (input, ctx) =>
      exportFromVault(vault.db(), input, audit, destinationFor(input, ctx.transport, saveDialog)),
  };
}
