// The CLI bundle starts small: `--version` reads only the entry's static imports, and only cluster commands load client-node.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { buildCli, rewriteBuiltinImports } from './build-cli';

const root = path.resolve(import.meta.dirname, '..');
// Inside node_modules so that the bundle resolves its external native modules as the shipped one does.
const dir = path.join(root, 'node_modules/.cache/strongroom-build-cli-test');
const entry = path.join(dir, 'strongroom.mjs');
let meta: Metafile;

/** Output files (relative, as the metafile names them) that `file` loads before it runs: its static imports, transitively. */
function staticClosure(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of meta.outputs[f]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(file);
  return seen;
}

const relative = (f: string) => path.relative(process.cwd(), f);
const inputsOf = (files: Set<string>) => [...files].flatMap((f) => Object.keys(meta.outputs[f]?.inputs ?? {}));
/** The output a source file is loaded from: its own lazy entry when it is imported dynamically, else the chunk holding it. */
const chunkOf = (source: string) =>
  Object.entries(meta.outputs).find(([, o]) => o.entryPoint === source)?.[0] ??
  Object.entries(meta.outputs).find(([, o]) => Object.keys(o.inputs).includes(source))?.[0];
const bytes = (files: Set<string>) => [...files].reduce((n, f) => n + (meta.outputs[f]?.bytes ?? 0), 0);

describe('CLI bundle', () => {
  beforeAll(async () => {
    meta = await buildCli(entry);
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads under 300 kB of code before it runs (the 8 MB of the rest waits in lazy chunks)', () => {
    const start = staticClosure(relative(entry));
    expect(bytes(start)).toBeLessThan(300_000);
    expect(inputsOf(start).some((i) => i.includes('@kubernetes/client-node'))).toBe(false);
  });

  it('keeps client-node out of the app and out of commands that never reach a cluster', () => {
    const app = chunkOf('src/main/app.ts');
    const status = chunkOf('src/cli/commands/status.ts');
    expect(app && status).toBeTruthy();
    for (const chunk of [app, status] as string[]) {
      expect(inputsOf(staticClosure(chunk)).some((i) => i.includes('@kubernetes/client-node'))).toBe(false);
    }
    const secrets = chunkOf('src/main/kube/secrets.ts') as string;
    expect(inputsOf(staticClosure(secrets)).some((i) => i.includes('@kubernetes/client-node'))).toBe(true);
  });

  it('keeps PostgreSQL, X.509 and SSH libraries out of the app: they load on first use', () => {
    const app = staticClosure(chunkOf('src/main/app.ts') as string);
    const heavy = (i: string) => /node_modules\/(pg|@peculiar|ssh2)\//.test(i);
    expect(inputsOf(app).filter(heavy)).toEqual([]);
    const externals = [...app].flatMap((f) =>
      (meta.outputs[f]?.imports ?? []).filter((i) => i.external && i.kind === 'import-statement').map((i) => i.path),
    );
    expect(externals).not.toContain('ssh2');
    // Not vacuous: pg is bundled (into a lazy chunk).
    expect(inputsOf(new Set(Object.keys(meta.outputs))).some((i) => i.includes('node_modules/pg/'))).toBe(true);
  });

  it('loads under 5 MB of code for a fetch: only the client-node parts it uses, without comments or indentation', () => {
    // With every API class of client-node kept (a namespace import keeps them all), this was 18 MB to read and compile.
    const fetch = staticClosure(chunkOf('src/main/kube/secrets.ts') as string);
    expect(bytes(fetch)).toBeLessThan(5_000_000);
  });

  it('imports Node builtins without their ESM facade: loading the app (or a fetch) never loads undici', () => {
    const script = `const l0 = process.moduleLoadList.length;
      for (const f of process.argv.slice(1)) await import(f);
      console.log(JSON.stringify(process.moduleLoadList.slice(l0).filter((m) => m.includes('undici'))));`;
    const chunks = [chunkOf('src/main/app.ts'), chunkOf('src/main/kube/secrets.ts')].map((c) =>
      path.join(root, c as string),
    );
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...chunks], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('answers --version from the built entry', () => {
    const r = spawnSync(process.execPath, [entry, '--version'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

describe('rewriteBuiltinImports', () => {
  it('turns every form of builtin import into constants first in the chunk, and leaves other imports alone', () => {
    const code = [
      'import{a as b,c}from"./chunk-X.mjs";',
      'import http from"node:http";',
      'var x=1;',
      'import{randomBytes,createHash as h2,default as crypto}from"node:crypto";',
      'import tls,{connect}from"node:tls";',
      'import*as zlib from"node:zlib";',
      'import vm from"vm";',
      'import pino from"pino";',
      'function f(){return "import q from\\"node:fs\\""}',
    ].join('');
    const { code: out, rewritten } = rewriteBuiltinImports(code);
    expect(rewritten).toBe(5);
    const get = (m: string) => `globalThis.process.getBuiltinModule("node:${m}")`;
    expect(out).toBe(
      [
        `const http=${get('http')};`,
        `const crypto=${get('crypto')};`,
        `const{randomBytes,createHash:h2}=${get('crypto')};`,
        `const tls=${get('tls')};`,
        `const{connect}=${get('tls')};`,
        `const zlib=${get('zlib')};`,
        `const vm=${get('vm')};`,
        'import{a as b,c}from"./chunk-X.mjs";',
        'var x=1;',
        'import pino from"pino";',
        'function f(){return "import q from\\"node:fs\\""}',
      ].join(''),
    );
  });
});
