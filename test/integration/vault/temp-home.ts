// A private HOME (and data dir inside it) per test file, so keyrings and vaults never touch the real ones.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { tempHome } from './keyring';

/** A temp HOME with a data dir inside, created before and removed after the file's tests. */
export function tempHomeForFile(): { readonly home: string; readonly dataDir: string } {
  const paths = { home: '', dataDir: '' };
  beforeAll(() => {
    paths.home = tempHome();
    paths.dataDir = path.join(paths.home, 'data');
  });
  afterAll(() => fs.rmSync(paths.home, { recursive: true, force: true }));
  return paths;
}
