// Saving and copying generated text (YAML) from the renderer: a download link, and the clipboard with a toast.
import { useUi } from './store/ui';

export function saveAs(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** Copies non-secret text (YAML, commands); secret values go through copySecret in copy.ts. */
export async function copyText(text: string, what: string): Promise<void> {
  const { notify, notifyError } = useUi.getState();
  try {
    await navigator.clipboard.writeText(text);
    notify({ level: 'info', message: `${what} copied.` });
  } catch {
    notifyError({
      code: 'unsupported',
      message: 'The clipboard is not available here.',
      fix: 'Select the text and copy it by hand.',
    });
  }
}
