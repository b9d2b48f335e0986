// e2e: the Mapping view in Chromium — a fetched Secret holding an account's password is suggested with its reason; Accept maps it.
import AxeBuilder from '@axe-core/playwright';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { kubeConfigFor } from '../../src/main/kube/connection';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { valueCall } from '../support/app-call';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

const APP_PW = 'e2e-App-pw-31';

/** axe-core's violations on the page as it is now, in light and dark, one line each. */
async function axeViolations(s: E2eSession): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await s.page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page: s.page }).analyze();
    found.push(...violations.map((v) => `${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`));
  }
  await s.page.emulateMedia({ colorScheme: 'light' });
  return found;
}

describe('Mapping view in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;
  let core: CoreV1Api;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    core = kubeConfigFor({ ...admin, token: sandbox.adminToken, timeoutMs: 10_000 }).makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'shop' } } });
    await core.createNamespacedSecret({
      namespace: 'shop',
      body: {
        metadata: { name: 'shop-db' },
        type: 'Opaque',
        data: { password: Buffer.from(APP_PW).toString('base64'), host: Buffer.from('db.shop').toString('base64') },
      },
    });
    const { token } = await provisionServiceAccount(admin, { variant: 'read-only' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'shop', server: sandbox.url, caPem: sandbox.caPem, token },
    });
    const call = valueCall(s.app);
    await call('app:connectDemo', {});
    const [cluster] = await call('clusters:list', {});
    await call('sync:fetch', { clusterId: cluster?.id ?? '', namespaces: ['shop'] });
    // No live PostgreSQL: suggestions compare with the password the vault holds for the account.
    await call('targets:addPostgres', {
      name: 'orders-db',
      host: '127.0.0.1',
      port: 5432,
      tlsMode: 'disable',
      adminUser: 'postgres',
      adminPassword: 'admin-pw',
    });
    await call('targets:addAccount', { resource: 'orders-db', account: 'app', password: APP_PW });
    await call('targets:addAccount', { resource: 'orders-db', account: 'report', password: 'report-pw-8' });
  }, 180_000);

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  it('shows the suggestion with its reason, Accept maps it, and the table lists the mapping', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit3');
    await page.getByRole('heading', { level: 1, name: 'Mapping' }).waitFor();
    const suggestions = page.getByRole('grid', { name: 'Suggested mappings' });
    const row = suggestions.getByRole('row', { name: /shop-shop\/shop-db:password/ });
    await row.getByText('value equals the current password of orders-db/app').waitFor();
    await expect(page.content()).resolves.not.toContain(APP_PW);
    await s.shot('mapping-suggestion');
    expect(await axeViolations(s)).toEqual([]);

    await row.getByRole('button', { name: 'Accept' }).click();

    const mapped = page.getByRole('grid', { name: 'Mapped keys' });
    const mappedRow = mapped.getByRole('row', { name: /shop-db:password/ });
    await mappedRow.waitFor();
    await expect(mappedRow.getByRole('gridcell').allTextContents()).resolves.toEqual([
      'shop',
      'shop',
      'shop-db:password',
      'orders-db/app',
      'the password alone',
      'Remove',
    ]);
    await page.getByText(/No suggestions\./).waitFor();
    // Mapped Resource Details, both ways: one account's keys across clusters, one Kubernetes resource's keys.
    await page.getByLabel('Show').selectOption('a:orders-db/report');
    await page.getByText('Nothing is mapped here yet.').waitFor();
    for (const option of ['a:orders-db/app', 'r:shop-shop']) {
      await page.getByLabel('Show').selectOption(option);
      await mapped.getByRole('row', { name: /shop-db:password/ }).waitFor();
    }
    const audit = await valueCall(s.app)('audit:list', { action: 'mapping.accept' });
    expect(audit.events.map((e) => [e.target, e.outcome])).toEqual([['shop-shop/shop-db:password', 'ok']]);
    await s.shot('mapping-accepted');
    expect(await axeViolations(s)).toEqual([]);
  }, 240_000);

  it('associates a key through the form, and a rule added in the view maps a new Secret at the next sync', async () => {
    const { page } = s;
    const mapped = page.getByRole('grid', { name: 'Mapped keys' });
    await page.getByLabel('Show').selectOption('all');
    await page.getByLabel('Cluster', { exact: true }).selectOption({ label: 'shop' });
    await page.getByLabel('Namespace', { exact: true }).selectOption({ label: 'shop' });
    await page.getByLabel('Secret', { exact: true }).selectOption({ label: 'shop-db' });
    await page.getByLabel('Key', { exact: true }).selectOption('host');
    await page.getByLabel('Account', { exact: true }).selectOption('orders-db/report');
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await mapped.getByRole('row', { name: /shop-db:host.*orders-db\/report/ }).waitFor();

    await page.getByLabel('Namespace pattern').fill('shop');
    await page.getByLabel('Secret pattern').fill('new-*');
    await page.getByLabel('Rule account').selectOption('orders-db/app');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page
      .getByRole('grid', { name: 'Mapping rules' })
      .getByRole('row', { name: /new-\*/ })
      .waitFor();
    await core.createNamespacedSecret({
      namespace: 'shop',
      body: { metadata: { name: 'new-one' }, data: { password: Buffer.from('other').toString('base64') } },
    });
    const [cluster] = await valueCall(s.app)('clusters:list', {});
    await valueCall(s.app)('sync:sync', { clusterId: cluster?.id ?? '' });
    await page.keyboard.press('Alt+Digit2');
    await page.keyboard.press('Alt+Digit3');
    await mapped.getByRole('row', { name: /new-one:password.*orders-db\/app/ }).waitFor();
    await s.shot('mapping-rule');
    expect(await axeViolations(s)).toEqual([]);
  }, 240_000);
});
