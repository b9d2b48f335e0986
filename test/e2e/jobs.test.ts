// e2e: a fetch's progress survives navigating away and back; Ctrl+L during it shows the lease dialog, which pauses and locks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

describe('jobs in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: { bulk: 200, namespaces: 4 } });
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    const { token } = await provisionServiceAccount(admin, { variant: 'read-only' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'slow', server: sandbox.url, caPem: sandbox.caPem, token },
    });
    const connected = await s.app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
  });

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  it('keeps a running fetch on screen across navigation, and Ctrl+L offers to pause it before locking', async () => {
    const { page } = s;
    // Every API request takes 2 s, so the fetch is still running while we move around.
    sandbox.faults.set({ latencyMs: 2_000 });
    await page.keyboard.press('Alt+Digit2');
    await page.getByRole('button', { name: 'Fetch all namespaces' }).click();
    const progress = page.getByRole('status', { name: 'Progress' });
    await progress.waitFor();
    await page.keyboard.press('Alt+Digit1');
    await progress.waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+Digit2');
    await progress.waitFor({ timeout: 1_000 });
    await expect(page.getByRole('button', { name: 'Fetch all namespaces' }).isDisabled()).resolves.toBe(true);

    await page.keyboard.press('Control+l');
    const dialog = page.getByRole('alertdialog', { name: 'A job holds the vault' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(
      /The fetch of cluster slow is running \(now: \w+\): locking after the fetch finishes/,
    );
    await s.shot('jobs-lease-dialog');
    expect(s.app.vault.isUnlocked).toBe(true);
    await dialog.getByRole('button', { name: 'Lock now and pause' }).click();
    await page.getByRole('heading', { name: 'The vault is locked' }).waitFor({ timeout: 30_000 });
    sandbox.faults.reset();

    await page.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.keyboard.press('Alt+Digit2');
    const interrupted = page.getByRole('list', { name: 'Interrupted jobs' });
    await interrupted.getByText(/was paused/).waitFor();
    await interrupted.getByRole('button', { name: 'Run again' }).click();
    await interrupted.waitFor({ state: 'detached' });
    const jobs = s.app.jobs.list();
    expect(jobs.map((j) => j.state)).toContain('resumed');
  });
});
