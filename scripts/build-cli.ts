// Bundles the `strongroom` CLI into out/cli/strongroom.mjs, so that it starts without compiling TypeScript.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const CLI_BUNDLE = path.join(root, 'out/cli/strongroom.mjs');

/** One file; native modules, pino (it loads workers by path) and electron stay outside. */
export async function buildCli(outfile: string = CLI_BUNDLE): Promise<void> {
  await build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile,
    external: ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', 'pino', 'thread-stream', 'electron'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
}

if (process.argv[1] === import.meta.filename) await buildCli();
