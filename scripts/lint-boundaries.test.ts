// Proves the layering lint: a planted `import 'electron'` outside src/main/electron fails, and so do the other boundaries.
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
});
