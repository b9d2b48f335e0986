// Where Strongroom keeps its files on each OS, and the Node version it needs.
import os from 'node:os';
import path from 'node:path';

export const MIN_NODE_MAJOR = 24;

/** The per-user data directory: `STRONGROOM_DATA_DIR`, else the OS's app-data location. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.STRONGROOM_DATA_DIR) return path.resolve(env.STRONGROOM_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Strongroom');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Strongroom');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'strongroom');
}

/** Fails early with a clear message instead of a cryptic native-module error on an old Node. */
export function assertNodeVersion(version = process.versions.node): void {
  const major = Number(version.split('.')[0]);
  if (!Number.isFinite(major) || major < MIN_NODE_MAJOR) {
    throw new Error(
      `Strongroom needs Node ${MIN_NODE_MAJOR} or newer, but this is Node ${version}. ` +
        'Run it through npm (npm start, npm test, npx strongroom), which uses the Node 24 installed with the project.',
    );
  }
}
