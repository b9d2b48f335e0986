// The clipboard is cleared after the delay only when it still holds what we copied.
import { describe, expect, it } from 'vitest';
import { ClipboardService, type SystemClipboard } from './clipboard';
import { FakeClock } from './clock';

function fakeClipboard(): SystemClipboard & { value: string } {
  return {
    value: '',
    writeText(text) {
      this.value = text;
    },
    readText() {
      return this.value;
    },
  };
}

describe('clipboard service', () => {
  it('clears our value after the delay', async () => {
    const clock = new FakeClock();
    const system = fakeClipboard();
    const service = new ClipboardService(clock, system);
    await expect(service.copy('s3cr3t', 30)).resolves.toBe(true);
    expect(system.value).toBe('s3cr3t');
    clock.advance(29_000);
    expect(system.value).toBe('s3cr3t');
    clock.advance(1_000);
    await Promise.resolve();
    await Promise.resolve();
    expect(system.value).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const clock = new FakeClock();
    const system = fakeClipboard();
    await new ClipboardService(clock, system).copy('s3cr3t', 30);
    system.writeText('user text');
    clock.advance(31_000);
    await Promise.resolve();
    expect(system.value).toBe('user text');
  });

  it('tells the renderer to copy by itself when main has no clipboard', async () => {
    await expect(new ClipboardService(new FakeClock(), undefined).copy('x', 30)).resolves.toBe(false);
  });
});
