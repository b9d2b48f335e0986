// Toasts: every toast expires (errors later), and a later success clears an earlier "Cancelled by the user.".
import { beforeEach, describe, expect, it } from 'vitest';
import { toastLifetimeMs, useUi } from './ui';

describe('toasts', () => {
  beforeEach(() => useUi.setState({ toasts: [] }));

  it('lets error toasts expire too, after longer than the others', () => {
    expect(toastLifetimeMs('error')).toBeGreaterThan(toastLifetimeMs('info'));
    expect(Number.isFinite(toastLifetimeMs('error'))).toBe(true);
  });

  it('drops an earlier "Cancelled by the user." when a later success arrives, and keeps other errors', () => {
    const ui = useUi.getState();
    ui.notifyError({ code: 'cancelled', message: 'Cancelled by the user.' });
    ui.notifyError({ code: 'unreachable', message: 'The cluster did not answer.' });
    ui.notify({ level: 'warning', message: 'Two keys were skipped.' });
    expect(useUi.getState().toasts.map((t) => t.message)).toContain('Cancelled by the user.');
    ui.notify({ level: 'info', message: 'Fetched 12 Secrets.' });
    expect(useUi.getState().toasts.map((t) => t.message)).toEqual([
      'The cluster did not answer.',
      'Two keys were skipped.',
      'Fetched 12 Secrets.',
    ]);
  });
});
