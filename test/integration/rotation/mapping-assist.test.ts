// Mapping suggestions and rules through the app's channels: audit of accept, dismiss and rules, refusals, and rules applied when a sync finishes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { type ValueCall, valueCall } from '../../support/app-call';
import { seedFetchedSecret } from '../../support/fetched-secret';

let dir: string;
let app: App;
let call: ValueCall;
const APP_PW = 'assist-App-pw-5';
const to = { resource: 'orders-db', account: 'app' };

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-mapping-assist-'));
  app = await createApp({ dataDir: dir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  call = valueCall(app);
  await call('vault:init', { passphrase: 'mapping assist passphrase', useKeychain: false });
  await call('targets:addPostgres', {
    name: 'orders-db',
    host: '127.0.0.1',
    port: 5432,
    tlsMode: 'disable',
    adminUser: 'postgres',
    adminPassword: 'admin-pw',
  });
  await call('targets:addAccount', { ...to, password: APP_PW });
});

afterEach(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const events = async (action: string) =>
  (await call('audit:list', { action })).events.map((e) => `${e.target} ${e.outcome} ${JSON.stringify(e.details)}`);

it('a dismissal is audited and the suggestion stays gone; accepting what is not suggested fails and is audited', async () => {
  seedFetchedSecret(app.vault.db(), 'shop', 'db', { password: APP_PW });
  const from = { kubeResource: 'shop-c1', secret: 'db', key: 'password' };
  expect((await call('mapping:suggest', {})).map((s) => s.reason)).toEqual([
    'value equals the current password of orders-db/app',
  ]);
  await call('mapping:dismiss', { from, to });
  expect(await call('mapping:suggest', {})).toEqual([]);
  await expect(call('mapping:accept', { from, to })).rejects.toMatchObject({ code: 'not_found' });
  expect(await events('mapping.dismiss')).toEqual(['shop-c1/db:password ok {"account":"orders-db/app"}']);
  expect(await events('mapping.accept')).toEqual(['shop-c1/db:password not_found {"account":"orders-db/app"}']);
  const bad = await app.dispatch(
    'mapping:ruleAdd',
    { namespace: '', secret: '*', key: '*', to },
    { transport: 'test' },
  );
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});

it('applies the rules to a cluster when its fetch or sync finishes, and audits each key it maps', async () => {
  const { rule } = await call('mapping:ruleAdd', { namespace: 'shop-*', secret: '*', key: 'PGPASSWORD', to });
  await expect(
    call('mapping:ruleAdd', { namespace: 'shop-*', secret: '*', key: 'x', to: { ...to, account: 'nobody' } }),
  ).rejects.toMatchObject({ code: 'not_found' });
  seedFetchedSecret(app.vault.db(), 'shop-eu', 'cache', { PGPASSWORD: 'anything', host: 'h' });
  seedFetchedSecret(app.vault.db(), 'other', 'cache', { PGPASSWORD: 'anything' });
  const totals = { added: 2, changed: 0, deleted: 0, unchanged: 0, failed: 0 };
  app.events.emit('sync:finished', {
    jobId: 'j',
    clusterId: 'elsewhere',
    kind: 'sync',
    trigger: 'manual',
    cancelled: false,
    totals,
  });
  expect(await call('mapping:list', {})).toEqual([]);

  app.events.emit('sync:finished', {
    jobId: 'j',
    clusterId: 'c1',
    kind: 'fetch',
    trigger: 'manual',
    cancelled: false,
    totals,
  });

  expect((await call('mapping:list', {})).map((m) => `${m.kubeResource}/${m.secret}:${m.key} ${m.account}`)).toEqual([
    'shop-eu-c1/cache:PGPASSWORD app',
  ]);
  expect(await events('mapping.rule_map')).toEqual([
    `shop-eu-c1/cache:PGPASSWORD ok {"account":"orders-db/app","rule":${rule.id},"when":"fetch"}`,
  ]);
  expect((await events('mapping.rule_add')).map((e) => e.split(' ').slice(0, 3).join(' '))).toEqual([
    'rule new not_found',
    `rule ${rule.id} ok`,
  ]);
});
