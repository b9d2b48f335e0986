// Bundles the `strongroom` CLI into out/cli/strongroom.mjs plus lazily loaded chunks, so that it starts without compiling TypeScript.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const CLI_BUNDLE = path.join(root, 'out/cli/strongroom.mjs');

/** An import of a Node builtin as esbuild writes it (minified), at a statement boundary: what it binds. */
const BUILTIN_IMPORT =
  /(?<=^|[;}\n])import\s*(?:(\*\s*as\s+[\w$]+|[\w$]+)\s*,?\s*)?(\{[^}]*\})?\s*(?:from\s*)?"((?:node:)?[a-z_]+(?:\/[a-z_]+)?)";?/g;

/** `{a as b,c}` as a destructuring pattern, `{a:b,c}`; `default` is the module object itself. */
function bindingsOf(named: string): { picked: string[]; whole?: string } {
  const picked: string[] = [];
  let whole: string | undefined;
  for (const b of named
    .slice(1, -1)
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [name = '', local = name] = b.split(/\s+as\s+/);
    if (name === 'default') whole = local;
    else picked.push(name === local ? name : `${name}:${local}`);
  }
  return { picked, whole };
}

/**
 * Rewrites a chunk's imports of Node builtins into `process.getBuiltinModule` constants at its top. An
 * ESM import of a builtin makes Node build a facade that reads every export once, lazy getters included:
 * `node:http` then loads its WebSocket (all of undici, ~40 ms), `node:tls` parses its root certificates,
 * `node:crypto` sets up WebCrypto. A builtin's exports never change and depend on nothing, so constants
 * declared first bind the same values that the hoisted imports did. Returns the code and how many
 * imports it rewrote (checked against esbuild's own count).
 */
export function rewriteBuiltinImports(code: string): { code: string; rewritten: number } {
  const consts: string[] = [];
  let rewritten = 0;
  const rewrite = (statement: string, whole: string | undefined, named: string | undefined, specifier: string) => {
    // A package whose name merely looks like a builtin's (`pino`) stays an import.
    if (!isBuiltin(specifier)) return statement;
    rewritten++;
    const module = `globalThis.process.getBuiltinModule(${JSON.stringify(specifier.replace(/^(node:)?/, 'node:'))})`;
    const { picked, whole: defaultName } = named ? bindingsOf(named) : { picked: [] };
    for (const name of [whole?.replace(/^\*\s*as\s+/, ''), defaultName])
      if (name) consts.push(`const ${name}=${module};`);
    if (picked.length) consts.push(`const{${picked.join(',')}}=${module};`);
    return '';
  };
  const rest = code.replace(BUILTIN_IMPORT, rewrite);
  return { code: consts.join('') + rest, rewritten };
}

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
    // `require` for the CommonJS parts and externals; the builtins come without an ESM import (see below).
    banner: {
      js: "const require = globalThis.process.getBuiltinModule('node:module').createRequire(import.meta.url);",
    },
    logLevel: 'error',
    metafile: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
  });
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.mjs')) continue;
    const code = fs.readFileSync(file, 'utf8');
    const banner = code.indexOf('\n') + 1;
    const { code: body, rewritten } = rewriteBuiltinImports(code.slice(banner));
    const expected = output.imports.filter((i) => i.kind === 'import-statement' && isBuiltin(i.path)).length;
    if (rewritten !== expected)
      throw new Error(`${file}: rewrote ${rewritten} builtin imports, esbuild wrote ${expected}`);
    fs.writeFileSync(file, code.slice(0, banner) + body);
  }
  return result.metafile;
}

if (process.argv[1] === import.meta.filename) await buildCli();
