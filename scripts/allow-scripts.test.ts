// Every dependency with an install script is approved or denied in package.json's allowScripts (npm 11), none left to chance.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const LIFECYCLE = ['preinstall', 'install', 'postinstall'];

/** Packages whose scripts npm would run on install: flagged in the lockfile, or declaring one where installed. */
function packagesWithInstallScripts(): Set<string> {
  const lock = read('package-lock.json') as {
    packages: Record<string, { hasInstallScript?: boolean; dev?: boolean }>;
  };
  const names = new Set<string>();
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (!where.startsWith('node_modules/')) continue;
    const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const manifest = path.join(root, where, 'package.json');
    const scripts = fs.existsSync(manifest)
      ? ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {})
      : {};
    if (entry.hasInstallScript || LIFECYCLE.some((s) => scripts[s])) names.add(name);
  }
  return names;
}

it('allowScripts decides, by name, for every package with an install script', () => {
  const allow = (read('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
  const undecided = [...packagesWithInstallScripts()].filter((name) => typeof allow[name] !== 'boolean');
  expect(undecided).toEqual([]);
});

it('approves the scripts the app needs: the pinned Node, esbuild, the SQLCipher binding and Electron', () => {
  const allow = (read('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
  for (const name of ['node', 'esbuild', 'better-sqlite3-multiple-ciphers', 'electron']) expect(allow[name]).toBe(true);
});
