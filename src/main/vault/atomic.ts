// Writes a file so that readers see the old or the new content, never half of it: temp, fsync, rename.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Atomically writes `file` with `data`, mode 0600, fsyncing the file and its directory. An existing
 * file is replaced, unless `replace: false`: then the write fails with EEXIST, checked atomically.
 */
export function writeFileAtomic(file: string, data: string | Buffer, options: { replace?: boolean } = {}): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    if (options.replace === false) placeNew(tmp, file);
    else fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fsyncDir(dir);
}

/** Moves `tmp` to `file` only if `file` does not exist (EEXIST otherwise). */
function placeNew(tmp: string, file: string): void {
  try {
    // A hard link, unlike a rename, refuses to replace: no window between a check and the write.
    fs.linkSync(tmp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems (FAT, a few network mounts) have no hard links: check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    if (fs.existsSync(file)) throw Object.assign(new Error(`EEXIST: ${file}`), { code: 'EEXIST' });
    fs.renameSync(tmp, file);
    return;
  }
  fs.rmSync(tmp);
}

function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
