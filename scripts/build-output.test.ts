// The build output: a CommonJS preload (a sandboxed preload cannot be an ES module), and a main bundle without the sandbox.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const preload = path.join(root, 'out/preload/index.cjs');
const mainDir = path.join(root, 'out/main');

/** Builds once when there is no output yet; `npm test` builds before it runs the tests. */
function ensureBuilt(): void {
  if (fs.existsSync(preload) && fs.existsSync(path.join(mainDir, 'index.js'))) return;
  const build = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
}

describe('electron-vite build output', () => {
  it('emits a CommonJS preload that exposes window.strongroom', () => {
    ensureBuilt();
    const code = fs.readFileSync(preload, 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const exposed: Record<string, unknown> = {};
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: {
        invoke: async () => ({ ok: true, value: null }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    const require = (id: string) => {
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload may not require ${id}`);
    };
    vm.runInNewContext(code, { module, exports: module.exports, require, console });
    expect(Object.keys(exposed)).toEqual(['strongroom']);
    expect(typeof (exposed.strongroom as { invoke: unknown }).invoke).toBe('function');
  });

  it('keeps the sandbox out of the main bundle: it is a chunk loaded only when the demo is on', () => {
    ensureBuilt();
    const definesSandbox = (file: string) => fs.readFileSync(file, 'utf8').includes('async function startSandbox(');
    expect(definesSandbox(path.join(mainDir, 'index.js'))).toBe(false);
    const chunks = fs.existsSync(path.join(mainDir, 'chunks')) ? fs.readdirSync(path.join(mainDir, 'chunks')) : [];
    // The marker is real: the lazily loaded chunk holds the emulator.
    expect(chunks.filter((name) => definesSandbox(path.join(mainDir, 'chunks', name)))).toHaveLength(1);
  });
});
