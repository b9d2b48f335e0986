// Where an export goes, as the export channels say it: main decides; a window names no path.
import { z } from 'zod';

/** A file handed to the browser to save (browser mode); the page starts the download. */
export interface ExportDownload {
  fileName: string;
  mediaType: string;
  base64: string;
}

/** Refused when relative: it would resolve against main's working directory. POSIX, `C:\…` or `\\server\…`. */
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be an absolute path');

/**
 * Where an export goes; main decides. A window sends no `path`: Electron's main asks with a save
 * dialog, and the browser harness returns the file as `download`. The CLI gives an absolute `path`.
 */
export const exportDestinationFields = {
  /** CLI and tests only: the file to write. */
  path: absolutePath.optional(),
  /** Replace an existing file at `path`; set only once the user chose to (the CLI's `--force`). */
  overwrite: z.boolean().optional(),
  /** The proposed name (no folder) for the save dialog or the download. */
  fileName: z
    .string()
    .min(1)
    .max(255)
    .refine((n) => !/[/\\]/.test(n) && !n.includes('\u0000') && n !== '.' && n !== '..', 'a file name without a folder')
    .optional(),
};
