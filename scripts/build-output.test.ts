// The built preload must be CommonJS, because a sandboxed preload cannot be an ES module.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const preload = path.join(root, 'out/preload/index.cjs');

describe('electron-vite build output', () => {
  it('emits a CommonJS preload that exposes window.strongroom', () => {
    if (!fs.existsSync(preload)) {
      const build = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(build.status, build.stderr).toBe(0);
    }
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
});
