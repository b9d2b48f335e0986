// Bundles the `strongroom` CLI into out/cli/strongroom.mjs plus lazily loaded chunks, so that it starts without compiling TypeScript.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const CLI_BUNDLE = path.join(root, 'out/cli/strongroom.mjs');

/** A name the generated module can export as `export const NAME`. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Node's builtins for `import` statements, through `process.getBuiltinModule`. An ESM import of a builtin
 * makes Node build a facade that reads every export once, lazy getters included: `node:http` then loads
 * its WebSocket (all of undici, ~40 ms), `node:tls` parses its root certificates, `node:crypto` sets up
 * WebCrypto. Here each export is read only if some module uses it (unused ones are dropped as pure).
 * `require()` calls are left to Node: CommonJS never builds the facade.
 */
export const builtinsWithoutFacade: Plugin = {
  name: 'builtins-without-esm-facade',
  setup(b) {
    const names = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    b.onResolve({ filter: /^[a-z_]+(\/[a-z_]+)?$|^node:/ }, (args) => {
      if (!names.has(args.path) || (args.kind !== 'import-statement' && args.kind !== 'dynamic-import'))
        return undefined;
      return { path: args.path.replace(/^node:/, ''), namespace: 'node-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => {
      const builtin = process.getBuiltinModule(`node:${args.path}`) as Record<string, unknown>;
      const exports = Object.keys(builtin).filter((k) => k !== 'default' && !k.startsWith('__') && IDENTIFIER.test(k));
      const lines = [
        `const __builtin = process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)});`,
        'const __read = (k) => __builtin[k];',
        'export default __builtin;',
        ...exports.map((k) => `export const ${k} = /* @__PURE__ */ __read(${JSON.stringify(k)});`),
      ];
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

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
    plugins: [builtinsWithoutFacade],
  });
  return result.metafile;
}

if (process.argv[1] === import.meta.filename) await buildCli();
