#!/usr/bin/env node
// Entry for `npx strongroom`: checks the Node version, then runs the TypeScript CLI through tsx.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `Strongroom needs Node 24 or newer, but this is Node ${process.versions.node}. Run it as "npx strongroom" or "npm run strongroom --" inside the project, which use the Node 24 installed with it.\n`,
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../src/cli/main.ts');
process.exit(await runCli(process.argv.slice(2)));
