// The save dialog main runs for a window's export: main, not the page, decides where the file goes.
import path from 'node:path';
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import type { SaveDialog } from '../ipc/export-destination';

/** The dialog's options: a proposed name in `folder`, and the OS's own confirmation before replacing a file. */
export function saveDialogOptions(folder: string, suggestedName: string): SaveDialogOptions {
  const bundle = suggestedName.endsWith('.srb');
  return {
    title: 'Export Secrets',
    buttonLabel: 'Export',
    defaultPath: path.join(folder, path.basename(suggestedName)),
    filters: bundle
      ? [{ name: 'Strongroom bundle', extensions: ['srb'] }]
      : [{ name: 'Kubernetes manifest (JSON)', extensions: ['json'] }],
    // macOS and Windows always ask before replacing; Linux (GTK) only with this.
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** A SaveDialog over Electron's, attached to the app window when there is one. */
export function electronSaveDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  window: () => BrowserWindow | undefined,
  folder: () => string,
): SaveDialog {
  return async (suggestedName) => {
    const options = saveDialogOptions(folder(), suggestedName);
    const parent = window();
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? undefined : result.filePath;
  };
}
