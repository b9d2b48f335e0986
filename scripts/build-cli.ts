// Bundles the `strongroom` CLI into out/cli/strongroom.mjs plus lazily loaded chunks, so that it starts without compiling TypeScript.
import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const CLI_BUNDLE = path.join(root, 'out/cli/strongroom.mjs');

/**
 * The entry file and, beside it in `chunks/`, one chunk per subcommand and per shared part (the app, the
 * Kubernetes client…), loaded only when a command needs them: `--version` reads just the entry.
 * Native modules, pino (it loads workers by path) and electron stay outside.
 */
export async function buildCli(outfile: string = CLI_BUNDLE): Promise<Metafile> {
  const outdir = path.dirname(outfile);
  fs.rmSync(path.join(outdir, 'chunks'), { recursive: true, force: true });
  const result = await build({
    entryPoints: { [path.basename(outfile, '.mjs')]: path.join(root, 'src/cli/main.ts') },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    external: [
      'better-sqlite3-multiple-ciphers',
      '@napi-rs/keyring',
      'pino',
      'thread-stream',
      'electron',
      'ssh2',
      'cpu-features',
    ],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
    metafile: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
  });
  return result.metafile;
}

if (process.argv[1] === import.meta.filename) await buildCli();
