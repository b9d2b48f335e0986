// The default export folder: XDG's Downloads, else ~/Downloads, else home.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultExportFolder } from './export-folder';

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-home-'));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

describe('defaultExportFolder', () => {
  it('takes the folder xdg-user-dir names when it exists', () => {
    const xdg = path.join(home, 'Téléchargements');
    fs.mkdirSync(xdg);
    fs.mkdirSync(path.join(home, 'Downloads'));
    expect(defaultExportFolder({ home, xdgDownload: () => xdg })).toBe(xdg);
  });

  it('falls back to ~/Downloads when XDG answers home (not configured), nothing, or a missing folder', () => {
    fs.mkdirSync(path.join(home, 'Downloads'));
    const downloads = path.join(home, 'Downloads');
    expect(defaultExportFolder({ home, xdgDownload: () => home })).toBe(downloads);
    expect(defaultExportFolder({ home, xdgDownload: () => undefined })).toBe(downloads);
    expect(defaultExportFolder({ home, xdgDownload: () => path.join(home, 'gone') })).toBe(downloads);
    expect(defaultExportFolder({ home, xdgDownload: () => 'relative/dir' })).toBe(downloads);
  });

  it('is home when there is no Downloads folder', () => {
    expect(defaultExportFolder({ home, xdgDownload: () => undefined })).toBe(home);
    fs.writeFileSync(path.join(home, 'Downloads'), 'a file, not a folder');
    expect(defaultExportFolder({ home, xdgDownload: () => undefined })).toBe(home);
  });
});
