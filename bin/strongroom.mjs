#!/usr/bin/env node
// Entry for `npx strongroom`: checks the Node version, then runs the bundled CLI, or the TypeScript source when the bundle is stale.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `Strongroom needs Node 24 or newer, but this is Node ${process.versions.node}. Run it as "npx strongroom" or "npm run strongroom --" inside the project, which use the Node 24 installed with it.\n`,
  );
  process.exit(1);
}

const root = path.resolve(import.meta.dirname, '..');
const bundle = path.join(root, 'out/cli/strongroom.mjs');

/** The newest modification time under src/, so an edit after the last build is never ignored. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

module.enableCompileCache?.(path.join(root, 'node_modules/.cache/strongroom-v8'));
const fresh = fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newestSource(path.join(root, 'src'));
let runCli;
let exitAfterOutput;
if (fresh) {
  ({ runCli, exitAfterOutput } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli, exitAfterOutput } = await import('../src/cli/main.ts'));
}
// Ends once stdout and stderr have drained: an immediate process.exit would cut piped output at 64 KiB.
await exitAfterOutput(await runCli(process.argv.slice(2)));
