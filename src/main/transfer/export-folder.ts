// Where exports start by default: the user's Downloads folder (XDG or ~/Downloads), else home; never the data dir.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How the folder is looked up; tests give a temporary home and a fake `xdg-user-dir`. */
export interface ExportFolderLookup {
  home: string;
  /** `xdg-user-dir DOWNLOAD`'s answer, or undefined where the tool is missing or fails. */
  xdgDownload(): string | undefined;
}

function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false; // missing or unreadable: not a place to propose
  }
}

/** Asks xdg-user-dir (Linux desktops), which follows the user's own ~/.config/user-dirs.dirs. */
function xdgUserDirDownload(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const answer = execFileSync('xdg-user-dir', ['DOWNLOAD'], { encoding: 'utf8', timeout: 2000, stdio: 'pipe' });
    return answer.trim() || undefined;
  } catch {
    return undefined; // not installed or no desktop session: fall back to ~/Downloads
  }
}

export const systemExportFolderLookup: ExportFolderLookup = { home: os.homedir(), xdgDownload: xdgUserDirDownload };

/**
 * The folder an export proposes: XDG's Downloads when it is set apart from home and exists, else
 * `~/Downloads` when it exists, else home. Always absolute.
 */
export function defaultExportFolder(lookup: ExportFolderLookup = systemExportFolderLookup): string {
  const home = path.resolve(lookup.home);
  const xdg = lookup.xdgDownload();
  if (xdg && path.isAbsolute(xdg) && path.resolve(xdg) !== home && isFolder(xdg)) return path.resolve(xdg);
  const downloads = path.join(home, 'Downloads');
  return isFolder(downloads) ? downloads : home;
}
