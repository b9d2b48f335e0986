// IPC handlers of transfer: offline review sessions and their export.
import { AppError } from '../../shared/errors';
import type { Handlers } from '../ipc/dispatch';
import { exportSecrets } from './export';
import type { OfflineReviewService } from './offline';
import type { TransferAudit } from './ports';

type TransferHandlers = Pick<
  Handlers,
  'transfer:openOffline' | 'transfer:revealOffline' | 'transfer:closeOffline' | 'transfer:exportOffline'
>;

export function transferHandlers(offline: OfflineReviewService, audit: TransferAudit): TransferHandlers {
  return {
    'transfer:openOffline': ({ fileName, content, passphrase }) => {
      const body = content.encoding === 'text' ? content.text : new Uint8Array(Buffer.from(content.base64, 'base64'));
      return offline.open(fileName, body, passphrase);
    },
    'transfer:revealOffline': ({ sessionId, secretIndex, key, view }) =>
      offline.reveal(sessionId, secretIndex, key, view),
    'transfer:closeOffline': ({ sessionId }) => ({ closed: offline.close(sessionId) }),
    'transfer:exportOffline': ({ sessionId, indexes, format, path, namespace, passphrase }) => {
      const all = offline.secretsOf(sessionId);
      const secrets = indexes === undefined ? all : indexes.map((i) => all[i]);
      if (secrets.some((s) => s === undefined)) throw new AppError('not_found', 'A chosen Secret is not in this file.');
      return exportSecrets(
        secrets.filter((s) => s !== undefined),
        { format, path, namespace, passphrase, source: `file ${offline.fileNameOf(sessionId)}` },
        audit,
      );
    },
  };
}
