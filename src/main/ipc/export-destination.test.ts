// Where an export goes: windows never name a path (dialog or download), the CLI gives an absolute one.
import { describe, expect, it } from 'vitest';
import { destinationFor } from './export-destination';

describe('export destination', () => {
  it('takes an absolute path from the CLI and tests, replacing only with overwrite', async () => {
    await expect(destinationFor({ format: 'json', path: '/tmp/x.json' }, 'test')()).resolves.toEqual({
      kind: 'file',
      path: '/tmp/x.json',
      overwrite: false,
    });
    const forced = destinationFor({ format: 'json', path: '/tmp/x.json', overwrite: true }, 'test');
    await expect(forced()).resolves.toMatchObject({ overwrite: true });
  });

  it('refuses a relative or missing path from the CLI', () => {
    for (const path of ['x.json', './x.json', '../x.json', undefined]) {
      expect(() => destinationFor({ format: 'list', path }, 'test')).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('refuses any path from a window, even absolute', () => {
    for (const transport of ['electron', 'harness'] as const) {
      expect(() => destinationFor({ format: 'json', path: '/home/me/.bashrc' }, transport, async () => 'x')).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('gives the browser a download with the proposed name, or a default by format', async () => {
    await expect(destinationFor({ format: 'json', fileName: 'db.json' }, 'harness')()).resolves.toEqual({
      kind: 'download',
      fileName: 'db.json',
    });
    await expect(destinationFor({ format: 'bundle' }, 'harness')()).resolves.toMatchObject({
      fileName: 'strongroom-export.srb',
    });
  });

  it('asks Electron’s dialog; a chosen existing file was confirmed there, a cancel is `cancelled`', async () => {
    const asked: string[] = [];
    const chosen = destinationFor({ format: 'list', fileName: 'all.json' }, 'electron', async (name) => {
      asked.push(name);
      return '/home/me/all.json';
    });
    expect(asked).toEqual([]);
    await expect(chosen()).resolves.toEqual({ kind: 'file', path: '/home/me/all.json', overwrite: true });
    expect(asked).toEqual(['all.json']);
    const cancelled = destinationFor({ format: 'list' }, 'electron', async () => undefined);
    await expect(cancelled()).rejects.toMatchObject({ code: 'cancelled' });
  });
});
