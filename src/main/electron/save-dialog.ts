// The save dialog main runs for a window's export: main, not the page, decides where the file goes.
import path from 'node:path';
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import type { SaveDialog } from '../ipc/export-destination';

/** The dialog's title and file filter by the proposed name's extension. */
interface FileKind {
  title: string;
  filter: { name: string; extensions: string[] };
}
const MANIFEST: FileKind = {
  title: 'Export Secrets',
  filter: { name: 'Kubernetes manifest (JSON)', extensions: ['json'] },
};
const FILE_KINDS: Record<string, FileKind> = {
  srb: { title: 'Export Secrets', filter: { name: 'Strongroom bundle', extensions: ['srb'] } },
  json: MANIFEST,
  jsonl: { title: 'Export audit log', filter: { name: 'JSON Lines', extensions: ['jsonl'] } },
  csv: { title: 'Export audit log', filter: { name: 'CSV', extensions: ['csv'] } },
};

/** The dialog's options: a proposed name in `folder`, and the OS's own confirmation before replacing a file. */
export function saveDialogOptions(folder: string, suggestedName: string): SaveDialogOptions {
  const kind = FILE_KINDS[path.extname(suggestedName).slice(1)] ?? MANIFEST;
  return {
    title: kind.title,
    buttonLabel: 'Export',
    defaultPath: path.join(folder, path.basename(suggestedName)),
    filters: [kind.filter],
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
