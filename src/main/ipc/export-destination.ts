// Where an export goes, decided in main: Electron's save dialog, a browser download, or the CLI's absolute path.
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { CallContext } from './dispatch';

/** A file on disk (replaced only with `overwrite`), or bytes handed to the browser as a download. */
export type ExportDestination =
  | { kind: 'file'; path: string; overwrite: boolean }
  | { kind: 'download'; fileName: string };

/** A file on disk; replaced only with `overwrite`, the user's own choice. */
export function fileDestination(file: string, overwrite = false): ExportDestination {
  return { kind: 'file', path: file, overwrite };
}

/** The one answer of every export for a file that is there already and may not be replaced: nothing was written. */
export function fileExists(
  file: string,
  fix = 'Choose another file name, or confirm that this file may be replaced.',
): AppError {
  return new AppError('already_exists', `"${file}" already exists; it was left as it was.`, fix);
}

/** Asks the user where to save (run by main in Electron); undefined when they cancel. */
export type SaveDialog = (suggestedName: string) => Promise<string | undefined>;

/** The formats of every export channel: transfer's Secrets and the audit log. */
export type ExportFileFormat = 'json' | 'list' | 'bundle' | 'jsonl' | 'csv';

/** What a caller of an export channel may say about the destination. */
export interface DestinationRequest {
  format: ExportFileFormat;
  path?: string | undefined;
  overwrite?: boolean | undefined;
  fileName?: string | undefined;
}

/** The name proposed when the caller gave none. */
export function defaultExportName(format: ExportFileFormat): string {
  if (format === 'jsonl' || format === 'csv') return `strongroom-audit.${format}`;
  return format === 'bundle' ? 'strongroom-export.srb' : 'strongroom-export.json';
}

/**
 * The destination of one export call. A window never names a path: Electron's windows get main's
 * save dialog (whose own confirmation covers replacing a file) and the browser harness gets a
 * download over its token-guarded connection. The CLI and tests give an absolute path.
 * Returned as a function so that the dialog opens only once the export is known to be possible.
 */
export function destinationFor(
  request: DestinationRequest,
  transport: CallContext['transport'],
  dialog?: SaveDialog,
): () => Promise<ExportDestination> {
  const fileName = request.fileName ?? defaultExportName(request.format);
  if (transport === 'electron' || transport === 'harness') {
    if (request.path !== undefined) {
      throw new AppError(
        'invalid_input',
        'The app chooses where an export is saved; a window cannot name a path.',
        'Use the Export button, which asks where to save.',
      );
    }
    if (transport === 'harness') return async () => ({ kind: 'download', fileName });
    if (!dialog) throw new Error('The Electron shell must provide a save dialog');
    return async () => {
      const chosen = await dialog(fileName);
      if (!chosen) throw new AppError('cancelled', 'The export was cancelled; nothing was written.');
      return fileDestination(chosen, true);
    };
  }
  const target = request.path;
  if (target === undefined || !path.isAbsolute(target)) {
    throw new AppError(
      'invalid_input',
      'An export needs an absolute path to write to.',
      'Give the full path of the file, e.g. /home/me/secrets.json.',
    );
  }
  return async () => fileDestination(target, Boolean(request.overwrite));
}
