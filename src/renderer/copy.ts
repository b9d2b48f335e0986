// Copies a revealed value: through main where it owns the clipboard, else the browser's, cleared after a delay.
import { call } from './client';
import { useUi } from './store/ui';

const CLEAR_KEY = 'strongroom.clipboardClearSeconds';

export function clipboardClearSeconds(): number {
  const stored = Number(globalThis.localStorage?.getItem(CLEAR_KEY));
  return Number.isInteger(stored) && stored >= 0 && stored <= 3600 && stored !== 0 ? stored : 30;
}

export function setClipboardClearSeconds(seconds: number): void {
  globalThis.localStorage?.setItem(CLEAR_KEY, String(seconds));
}

/**
 * Copies `text` and audits it. In browser mode the page cannot always read the clipboard back, so it
 * clears it after the delay when reading is refused, and only if unchanged when reading works.
 */
export async function copySecret(text: string, target: string, source: 'vault' | 'offline'): Promise<void> {
  const seconds = clipboardClearSeconds();
  const { notify, notifyError } = useUi.getState();
  const result = await call('app:copy', { text, clearAfterSeconds: seconds, target, source });
  if (!result.ok) return notifyError(result.error);
  if (!result.value.handledByMain) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      return notifyError({
        code: 'unsupported',
        message: 'The browser refused access to the clipboard.',
        fix: 'Click in the page first, or allow clipboard access for this site.',
      });
    }
    setTimeout(async () => {
      try {
        if ((await navigator.clipboard.readText()) !== text) return;
      } catch {
        // Reading back is refused without a permission: clear anyway rather than leave a secret behind.
      }
      await navigator.clipboard.writeText('').catch(() => undefined);
    }, seconds * 1000);
  }
  notify({ level: 'info', message: `Copied. The clipboard is cleared in ${seconds} s.` });
}
