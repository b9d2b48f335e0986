// Copies a revealed value to the OS clipboard (where main can reach it) and clears it later if unchanged.
import { createHash } from 'node:crypto';
import type { Clock } from './clock';

/** The OS clipboard as Electron's `clipboard` module offers it; absent in browser mode and the CLI. */
export interface SystemClipboard {
  writeText(text: string): void | Promise<void>;
  readText(): string | Promise<string>;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class ClipboardService {
  private cancelClear: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly system: SystemClipboard | undefined,
  ) {}

  /**
   * Writes `text` when main owns a clipboard and returns true; returns false when the renderer must
   * write it itself (browser mode). After `clearAfterSeconds` the clipboard is emptied, but only if
   * it still holds our value. We keep a hash, not the value, until then.
   */
  async copy(text: string, clearAfterSeconds: number): Promise<boolean> {
    const system = this.system;
    if (!system) return false;
    await system.writeText(text);
    this.cancelClear?.();
    if (clearAfterSeconds > 0) {
      const expected = digest(text);
      this.cancelClear = this.clock.setTimer(clearAfterSeconds * 1000, () => {
        this.cancelClear = undefined;
        void (async () => {
          if (digest(await system.readText()) === expected) await system.writeText('');
        })();
      });
    }
    return true;
  }
}
