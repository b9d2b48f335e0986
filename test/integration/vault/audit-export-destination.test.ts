// Audit export destinations through the channel: main decides (dialog, download), a window's path is refused, no silent replacement.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditExportResult } from '../../../src/shared/ipc/audit';
import { type SaveDialogApp, saveDialogApp } from '../../support/save-dialog-app';

let t: SaveDialogApp;

async function exported(payload: Record<string, unknown>, transport: 'test' | 'electron' | 'harness') {
  const r = await t.app.dispatch('audit:export', payload, { transport });
  if (!r.ok) throw new Error(`audit:export: ${r.error.code}: ${r.error.message}`);
  return r.value as AuditExportResult;
}

beforeAll(async () => {
  t = await saveDialogApp('audit-dest', 'audit export passphrase');
});

afterAll(async () => {
  await t?.close();
});

describe('audit:export destination', () => {
  it('refuses a path from a window, even an absolute one, and writes nothing', async () => {
    const file = path.join(t.dir, 'page-chose.jsonl');
    for (const transport of ['electron', 'harness'] as const) {
      const r = await t.app.dispatch('audit:export', { format: 'jsonl', path: file }, { transport });
      expect(r, transport).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(fs.existsSync(file)).toBe(false);
    expect(t.asked).toEqual([]);
  });

  it('never replaces an existing file unless overwrite is set', async () => {
    const file = path.join(t.dir, 'kept.csv');
    fs.writeFileSync(file, 'kept\n');
    const refused = await t.app.dispatch('audit:export', { format: 'csv', path: file }, { transport: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    expect(fs.readFileSync(file, 'utf8')).toBe('kept\n');
    const replaced = await exported({ format: 'csv', path: file, overwrite: true }, 'test');
    expect(replaced.path).toBe(file);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^seq,time,actor,action/);
  });

  it('in browser mode hands the log back as a download with the proposed name', async () => {
    const r = await exported(
      { format: 'jsonl', fileName: 'audit-today.jsonl', filter: { action: 'vault.init' } },
      'harness',
    );
    expect(r.path).toBeUndefined();
    expect(r).toMatchObject({ count: 1, filtered: true, download: { fileName: 'audit-today.jsonl' } });
    const lines = Buffer.from(r.download?.base64 ?? '', 'base64')
      .toString()
      .trim()
      .split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(['vault.init']);
    const unnamed = await exported({ format: 'csv' }, 'harness');
    expect(unnamed.download).toMatchObject({ fileName: 'strongroom-audit.csv', mediaType: 'text/csv' });
  });

  it('in Electron asks main’s save dialog, writes where the user chose, and writes nothing on cancel', async () => {
    const chosen = path.join(t.dir, 'chosen.jsonl');
    t.answer = chosen;
    const r = await exported({ format: 'jsonl', fileName: 'proposed.jsonl' }, 'electron');
    expect(t.asked.at(-1)).toBe('proposed.jsonl');
    expect(r.path).toBe(chosen);
    expect(fs.statSync(chosen).mode & 0o777).toBe(0o600);

    t.answer = undefined;
    const cancelled = await t.app.dispatch('audit:export', { format: 'jsonl' }, { transport: 'electron' });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(t.asked.at(-1)).toBe('strongroom-audit.jsonl');
  });
});
