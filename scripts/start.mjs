// `npm start`: builds, then opens the desktop app; where no Electron binary exists, the browser harness.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const browserOnly = process.argv.includes('--browser');
// `npm start` brings the demo cluster; `--no-demo` (or STRONGROOM_DEMO=0) leaves it out.
const demo = !process.argv.includes('--no-demo') && process.env.STRONGROOM_DEMO !== '0';
const env = { ...process.env, STRONGROOM_DEMO: demo ? '1' : '0' };

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Strongroom needs Node 24; this is ${process.versions.node}. Run it with "npm start" so npm uses the project's Node 24.`,
  );
  process.exit(1);
}

const build = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

/** The installed Electron binary, found without requiring 'electron' (which would try to download it). */
function electronBinary() {
  const dir = path.join(root, 'node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  const binary = path.join(dist, relative);
  return fs.existsSync(binary) ? binary : undefined;
}

const binary = browserOnly ? undefined : electronBinary();
const child = binary
  ? spawn(binary, [root], { stdio: 'inherit', env: { ...env, ELECTRON_RUN_AS_NODE: undefined } })
  : spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/harness/main.ts')], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
if (!binary && !browserOnly) {
  console.log(
    'No Electron binary is installed here (ELECTRON_SKIP_BINARY_DOWNLOAD?), so Strongroom opens in browser mode.',
  );
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
