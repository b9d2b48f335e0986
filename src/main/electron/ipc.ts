// Registers every contract channel on ipcMain and forwards events, accepting calls only from our window.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames } from '../../shared/ipc';
import type { App } from '../app';

export interface SenderPolicy {
  /** The one WebContents allowed to call us. */
  contents(): WebContents | undefined;
  isOwnUrl(url: string): boolean;
}

export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  policy: SenderPolicy,
): boolean {
  const own = policy.contents();
  if (!own || event.sender.id !== own.id) return false;
  const url = event.senderFrame?.url;
  return typeof url === 'string' && policy.isOwnUrl(url);
}

/** The main-side half of the contract: one ipcMain handler per channel, all through the dispatcher. */
export function registerHandlers(ipcMain: Pick<IpcMain, 'handle'>, app: App, policy: SenderPolicy): () => void {
  for (const name of channelNames) {
    ipcMain.handle(name, async (event, payload: unknown) => {
      if (!isTrustedSender(event, policy)) {
        app.log.warn({ channel: name }, 'refused IPC from an untrusted sender');
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call Strongroom.' } };
      }
      return app.dispatch(name, payload, { transport: 'electron' });
    });
  }
  return app.events.subscribe((name, payload) => {
    const contents = policy.contents();
    if (contents && !contents.isDestroyed()) contents.send(name, payload);
  });
}
