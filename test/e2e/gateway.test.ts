// e2e: set an HTTP CONNECT gateway on a cluster in the wizard; a bad value is refused with its reason, the connection test goes through the proxy, whose password the edit form never shows.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type ConnectProxy, startConnectProxy } from '../support/connect-proxy';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

const PROXY_LOGIN = { user: 'gw-user', password: 'gw-pass-e2e' };

describe('a cluster gateway in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;
  let proxy: ConnectProxy;

  beforeAll(async () => {
    sandbox = await startSandbox();
    proxy = await startConnectProxy(PROXY_LOGIN);
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    const { token } = await provisionServiceAccount(admin, { variant: 'read-only', namespace: 'strongroom-gw' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'gw', server: sandbox.url, caPem: sandbox.caPem, token },
    });
    const connected = await s.app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
  });

  afterAll(async () => {
    await s?.close();
    proxy?.close();
    await sandbox?.close();
  });

  it('refuses a bad gateway with its reason, then tests and saves through an HTTP CONNECT proxy', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit1');
    const row = page.getByRole('row', { name: /gw/ });
    await row.getByRole('button', { name: 'Edit' }).click();
    await page.getByText('Reach the cluster through a gateway').click();
    await page.getByLabel('Gateway to the API server').selectOption('http-connect');
    await page.getByLabel('Gateway proxy URL').fill('proxy.internal:3128');
    await page.getByRole('alert').getByText('The proxy must be an http:// URL').waitFor();
    await page.getByLabel('Gateway to the API server').selectOption('ssh');
    await page.getByLabel('Jump host, user@host:port').fill('bastion:22');
    await page.getByRole('alert').getByText('The jump host must read user@host').waitFor();
    await page.getByLabel('A private key file, kept encrypted in the vault').check();
    await s.shot('gateway-invalid');
    // The SSH fields, the key choice and the error: no axe violation of any impact.
    expect((await new AxeBuilder({ page }).include('.wizard').analyze()).violations.map((v) => v.id)).toEqual([]);

    await page.getByLabel('Gateway to the API server').selectOption('http-connect');
    const withLogin = proxy.url.replace('://', `://${PROXY_LOGIN.user}:${PROXY_LOGIN.password}@`);
    await page.getByLabel('Gateway proxy URL').fill(withLogin);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Test and save' }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    for (const step of ['host', 'cluster', 'account'])
      await page
        .locator(`[data-testid="step-${step}"][data-status="pass"], [data-testid="step-${step}"][data-status="warn"]`)
        .waitFor();
    const upstream = new URL(sandbox.url);
    expect(proxy.seen).toContain(`${upstream.hostname}:${upstream.port}`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await row.getByText(`via HTTP CONNECT 127.0.0.1:${proxy.port}`).waitFor();
    await s.shot('gateway-saved');

    // Edited again: the URL comes back without the user and password, which are kept and still work.
    // A cluster with a gateway opens the wizard with that section open.
    await row.getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByLabel('Gateway proxy URL').inputValue()).resolves.toBe(proxy.url);
    await expect(page.content()).resolves.not.toContain(PROXY_LOGIN.password);
    const keep = page.getByLabel('Keep the proxy user and password saved in the vault');
    await expect(keep.isChecked()).resolves.toBe(true);
    await page.getByText('Type new ones in the URL').waitFor();
    expect((await new AxeBuilder({ page }).include('.wizard').analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.getByRole('button', { name: 'Test and save' }).click();
    const seen = proxy.seen.length;
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page
      .locator('[data-testid="step-account"][data-status="pass"], [data-testid="step-account"][data-status="warn"]')
      .waitFor();
    expect(proxy.seen.length).toBeGreaterThan(seen);
  });
});
