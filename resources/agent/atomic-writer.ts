// Writes a set of files atomically as kubelet's AtomicWriter does: a new timestamped dir, then a `..data` symlink swap.
import { createHash } from 'node:crypto';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';

const DATA = '..data';
const DATA_TMP = '..data_tmp';

export interface WriterOptions {
  fileMode: number;
  owner?: { uid: number; gid: number };
}

/** `..2026_12_01_10_14_23.` as kubelet names its payload dirs (mkdtemp adds a random suffix). */
function stampPrefix(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `..${now.getUTCFullYear()}_${p(now.getUTCMonth() + 1)}_${p(now.getUTCDate())}_${p(now.getUTCHours())}_${p(now.getUTCMinutes())}_${p(now.getUTCSeconds())}.`;
}

function digest(files: Map<string, Buffer>): string {
  const h = createHash('sha256');
  for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    h.update(`${path}\0${content.length}\0`);
    h.update(content);
  }
  return h.digest('hex');
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Replaces `path` with a symlink to `target` in one rename, so the name never disappears. */
async function swapLink(dir: string, name: string, target: string): Promise<void> {
  const tmp = join(dir, `${name === DATA ? DATA_TMP : `..${name}_tmp`}`);
  await rm(tmp, { force: true });
  await symlink(target, tmp);
  await rename(tmp, join(dir, name));
}

export class AtomicWriter {
  private lastDigest: string | undefined;

  constructor(
    private readonly dir: string,
    private readonly options: WriterOptions,
  ) {}

  /** Writes `files` (relative path to content) if they differ from the last write; returns whether it wrote. */
  async write(files: Map<string, Buffer>, now = new Date()): Promise<boolean> {
    const sum = digest(files);
    if (sum === this.lastDigest) return false;
    await mkdir(this.dir, { recursive: true });
    const payload = await mkdtemp(join(this.dir, stampPrefix(now)));
    await chmod(payload, 0o755);
    for (const [rel, content] of files) {
      const file = join(payload, rel);
      await mkdir(dirname(file), { recursive: true, mode: 0o755 });
      await writeFile(file, content, { mode: this.options.fileMode, flag: 'wx' });
      await chmod(file, this.options.fileMode);
      if (this.options.owner) await chown(file, this.options.owner.uid, this.options.owner.gid);
    }
    const previous = (await isLink(join(this.dir, DATA))) ? await readlink(join(this.dir, DATA)) : undefined;
    await swapLink(this.dir, DATA, payload.slice(this.dir.length + 1));
    const top = new Set([...files.keys()].map((rel) => rel.split('/')[0] as string));
    for (const name of top) {
      const want = `${DATA}/${name}`;
      const path = join(this.dir, name);
      if (!(await isLink(path)) || (await readlink(path)) !== want) await swapLink(this.dir, name, want);
    }
    await this.removeStale(top, payload.slice(this.dir.length + 1), previous);
    this.lastDigest = sum;
    return true;
  }

  /** Drops top-level links to names no longer written, and every payload dir but the current one. */
  private async removeStale(top: Set<string>, current: string, previous: string | undefined): Promise<void> {
    for (const entry of await readdir(this.dir)) {
      const path = join(this.dir, entry);
      if (entry.startsWith('..')) {
        const stale = entry !== current && entry !== DATA && (entry === previous || /^\.\.\d{4}_/.test(entry));
        if (stale) await rm(path, { recursive: true, force: true });
      } else if (!top.has(entry) && (await isLink(path)) && (await readlink(path)).startsWith(`${DATA}/`)) {
        await rm(path, { force: true });
      }
    }
  }
}
