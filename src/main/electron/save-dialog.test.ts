// The export save dialog, checked with a fake Electron dialog: options, parent window, cancel.
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronSaveDialog, saveDialogOptions } from './save-dialog';

function fakeDialog(answer: { canceled: boolean; filePath: string }) {
  const calls: { parent?: unknown; options: SaveDialogOptions }[] = [];
  const dialog = {
    showSaveDialog: async (a: unknown, b?: SaveDialogOptions) => {
      calls.push(b ? { parent: a, options: b } : { options: a as SaveDialogOptions });
      return answer;
    },
  } as unknown as Pick<Dialog, 'showSaveDialog'>;
  return { dialog, calls };
}

describe('export save dialog', () => {
  it('proposes the name in the folder, filters by format, and asks the OS to confirm a replacement', () => {
    const options = saveDialogOptions('/home/me/Downloads', 'payments-db.json');
    expect(options.defaultPath).toBe('/home/me/Downloads/payments-db.json');
    expect(options.properties).toContain('showOverwriteConfirmation');
    expect(options.filters?.[0]?.extensions).toEqual(['json']);
    expect(saveDialogOptions('/d', 'all.srb').filters?.[0]?.extensions).toEqual(['srb']);
    expect(saveDialogOptions('/d', 'audit-2026-12-01.csv')).toMatchObject({
      title: 'Export audit log',
      filters: [{ extensions: ['csv'] }],
    });
    expect(saveDialogOptions('/d', 'audit.jsonl').filters?.[0]?.extensions).toEqual(['jsonl']);
    expect(saveDialogOptions('/d', '../../etc/x.json').defaultPath).toBe('/d/x.json');
  });

  it('returns the chosen path, attached to the window', async () => {
    const window = { id: 1 } as unknown as BrowserWindow;
    const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/home/me/out.json' });
    const save = electronSaveDialog(
      dialog,
      () => window,
      () => '/home/me',
    );
    await expect(save('out.json')).resolves.toBe('/home/me/out.json');
    expect(calls[0]?.parent).toBe(window);
  });

  it('returns undefined when the user cancels', async () => {
    const { dialog } = fakeDialog({ canceled: true, filePath: '' });
    await expect(
      electronSaveDialog(
        dialog,
        () => undefined,
        () => '/home/me',
      )('out.json'),
    ).resolves.toBeUndefined();
  });
});
