// Proves the layering lint: a planted `import 'electron'` outside src/main/electron fails, and so do the domain layers and other boundaries.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('import boundary lint (biome.json)', () => {
  let dir: string;

  /** Lints one planted file in a scratch copy of the tree layout with the project's biome.json. */
  function lint(file: string, source: string): { status: number | null; output: string } {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, source);
    const result = spawnSync(path.join(root, 'node_modules/.bin/biome'), ['lint', file], {
      cwd: dir,
      encoding: 'utf8',
    });
    fs.rmSync(target);
    return { status: result.status, output: result.stdout + result.stderr };
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-lint-'));
    const config = JSON.parse(fs.readFileSync(path.join(root, 'biome.json'), 'utf8'));
    delete config.$schema;
    delete config.vcs; // the scratch copy is not a git checkout
    fs.writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fails on import 'electron' planted in src/main/vault", () => {
    const result = lint('src/main/vault/planted.ts', "import { app } from 'electron';\n\nexport const x = app;\n");
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('noRestrictedImports');
  });

  it('allows electron in src/main/electron and src/preload', () => {
    for (const file of ['src/main/electron/ok.ts', 'src/preload/ok.ts']) {
      expect(lint(file, "import { app } from 'electron';\n\nexport const x = app;\n").status).toBe(0);
    }
  });

  it('fails on a Node module in src/shared and on main code in src/renderer', () => {
    expect(lint('src/shared/planted.ts', "import fs from 'node:fs';\n\nexport const x = fs;\n").status).not.toBe(0);
    expect(
      lint('src/renderer/planted.ts', "import { x } from '../main/app';\n\nexport const y = x;\n").status,
    ).not.toBe(0);
    expect(lint('src/renderer/planted2.ts', "import os from 'node:os';\n\nexport const y = os;\n").status).not.toBe(0);
  });

  /**
   * The domain layers of docs/architecture.md, lowest first. A domain may import the domains of
   * lower layers only; this table is the spec the biome.json overrides must implement.
   */
  const LAYERS = [
    ['kube', 'values'],
    ['vault'],
    ['audit'],
    ['clusters', 'resources'],
    ['jobs'],
    ['sync', 'transfer'],
    ['mapping'],
    ['rotation', 'access', 'agent'],
    ['overview'],
  ];
  const DOMAINS = LAYERS.flat();
  const layerOf = (domain: string) => LAYERS.findIndex((layer) => layer.includes(domain));
  const importing = (specifier: string) => `import { x } from '${specifier}';\n\nexport const y = x;\n`;

  /** Plants every file at once and lints them in one biome run; returns the files that failed noRestrictedImports. */
  function lintAll(files: Record<string, string>): Set<string> {
    for (const [file, source] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), source);
    }
    const result = spawnSync(
      path.join(root, 'node_modules/.bin/biome'),
      ['lint', '--reporter=json', '--max-diagnostics=10000', ...Object.keys(files)],
      { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    for (const file of Object.keys(files)) fs.rmSync(path.join(dir, file));
    const report = JSON.parse(result.stdout) as {
      diagnostics: { category: string; location: { path: string } }[];
    };
    return new Set(
      report.diagnostics
        .filter((d) => d.category === 'lint/style/noRestrictedImports')
        .map((d) => d.location.path.replace(/\\/g, '/')),
    );
  }

  it('each domain fails on importing a domain of its own or a higher layer, and passes on a lower one', () => {
    const files: Record<string, string> = {};
    const expected = new Map<string, boolean>();
    for (const from of DOMAINS) {
      for (const to of DOMAINS) {
        if (from === to) continue;
        const forbidden = layerOf(to) >= layerOf(from);
        // Both depths at which domain files sit: the domain folder and a subfolder such as migrations/.
        const top = `src/main/${from}/planted-${to}.ts`;
        const nested = `src/main/${from}/migrations/planted-${to}.ts`;
        files[top] = importing(`../${to}/service`);
        files[nested] = importing(`../../${to}/service`);
        expected.set(top, forbidden);
        expected.set(nested, forbidden);
      }
    }
    const failed = lintAll(files);
    const wrong = [...expected].filter(([file, forbidden]) => failed.has(file) !== forbidden);
    expect(wrong).toEqual([]);
    expect([...expected.values()].filter(Boolean).length).toBeGreaterThan(100);
  }, 120_000);

  it('no domain imports the composition roots, the shells or the sandbox; those import every domain', () => {
    const files: Record<string, string> = {};
    for (const domain of DOMAINS) {
      files[`src/main/${domain}/planted-app.ts`] = importing('../app');
      files[`src/main/${domain}/planted-demo.ts`] = importing('../demo');
      files[`src/main/${domain}/planted-harness.ts`] = importing('../harness/server');
      files[`src/main/${domain}/planted-sandbox.ts`] = importing('../../sandbox/index');
    }
    const allowed = {
      'src/main/app.ts': importing('./overview/service'),
      'src/main/harness/planted.ts': importing('../rotation/service'),
      'src/cli/commands/planted.ts': importing('../../main/agent/service'),
    };
    const failed = lintAll({ ...files, ...allowed });
    expect(Object.keys(files).filter((file) => !failed.has(file))).toEqual([]);
    expect(Object.keys(allowed).filter((file) => failed.has(file))).toEqual([]);
  }, 120_000);

  it("lets the vault's migration list import each domain's migrations and nothing else of theirs", () => {
    const index = 'src/main/vault/migrations/index.ts';
    expect(lint(index, importing('../../audit/migrations/0010-audit-log')).status).toBe(0);
    expect(lint(index, importing('../../overview/migrations/0900-overview')).status).toBe(0);
    expect(lint(index, importing('../../audit/service')).status).not.toBe(0);
    expect(lint('src/main/vault/migrations/0002-planted.ts', importing('../../audit/migrations/0010')).status).not.toBe(
      0,
    );
  }, 120_000);

  it('keeps the main base (clock, log, events, clipboard, ipc) below every domain', () => {
    const files: Record<string, string> = {};
    for (const domain of DOMAINS) {
      files[`src/main/ipc/planted-${domain}.ts`] = importing(`../${domain}/service`);
    }
    files['src/main/clipboard.ts'] = importing('./audit/service');
    const failed = lintAll(files);
    expect(Object.keys(files).filter((file) => !failed.has(file))).toEqual([]);
  }, 120_000);
});
