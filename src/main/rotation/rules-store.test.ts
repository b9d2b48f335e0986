// Mapping rules: globs over namespace, Secret and key (dot keys too), the oldest rule wins, mapped keys stay, bad input refused.
import { afterEach, expect, it } from 'vitest';
import { seedFetchedSecret } from '../../../test/support/fetched-secret';
import { migratedTo, type TestDb } from '../../../test/support/migrated-db';
import type { WritableDB } from '../vault/db';
import { addMapping, listMappings } from './mapping-store';
import { addRule, applyRules, listRules, removeRule } from './rules-store';
import { addPostgresResource, addTargetAccount } from './target-store';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

function vault(): WritableDB {
  t = migratedTo();
  const db = t.db;
  addPostgresResource(
    db,
    { name: 'orders-db', host: '127.0.0.1', port: 5432, tlsMode: 'disable', adminUser: 'postgres', adminPassword: 'a' },
    1,
  );
  addTargetAccount(db, 'orders-db', 'app', 'pw', 1);
  addTargetAccount(db, 'orders-db', 'other', 'pw2', 1);
  return db;
}

const app = { resource: 'orders-db', account: 'app' };
const other = { resource: 'orders-db', account: 'other' };
const mapped = (db: WritableDB) =>
  listMappings(db, {}).map((m) => `${m.kubeResource}/${m.secret}:${m.key} ${m.account}`);

it('maps every matching key of present Secrets, the oldest rule first, and leaves mapped keys alone', () => {
  const db = vault();
  seedFetchedSecret(db, 'shop-prod', 'orders-db', { password: 'x', '.pgpass': 'y', user: 'app' });
  seedFetchedSecret(db, 'shop-dev', 'orders-db', { password: 'x' });
  seedFetchedSecret(db, 'other', 'orders-db', { password: 'x' });
  addMapping(db, { kubeResource: 'shop-dev-c1', secret: 'orders-db', key: 'password' }, other, undefined, 1);
  const first = addRule(db, { namespace: 'shop-*', secret: 'orders-*', key: '{password,*pass}', to: app }, 2);
  addRule(db, { namespace: '*', secret: '*', key: 'password', to: other }, 3);
  expect(listRules(db).map((r) => [r.namespace, r.secret, r.key, r.account])).toEqual([
    ['shop-*', 'orders-*', '{password,*pass}', 'app'],
    ['*', '*', 'password', 'other'],
  ]);

  const done = applyRules(db, 4);
  expect(done.map((d) => [d.ruleId, d.mapping.kubeResource, d.mapping.key]).sort()).toEqual([
    [first.id, 'shop-prod-c1', '.pgpass'],
    [first.id, 'shop-prod-c1', 'password'],
    [first.id + 1, 'other-c1', 'password'],
  ]);
  expect(mapped(db)).toEqual([
    'other-c1/orders-db:password other',
    'shop-dev-c1/orders-db:password other',
    'shop-prod-c1/orders-db:.pgpass app',
    'shop-prod-c1/orders-db:password app',
  ]);
  expect(applyRules(db, 5)).toEqual([]);
});

it('applies to one cluster or one rule when asked, and a removed rule maps nothing more', () => {
  const db = vault();
  seedFetchedSecret(db, 'shop', 'db', { password: 'x' });
  const rule = addRule(db, { namespace: 'shop', secret: 'db', key: 'password', to: app }, 1);
  expect(applyRules(db, 2, { clusterId: 'elsewhere' })).toEqual([]);
  expect(applyRules(db, 2, { ruleId: rule.id + 1 })).toEqual([]);
  expect(removeRule(db, rule.id)).toMatchObject({ id: rule.id, account: 'app' });
  expect(applyRules(db, 3)).toEqual([]);
  expect(mapped(db)).toEqual([]);
});

it('refuses a duplicate rule, an unknown account and an unknown rule id', () => {
  const db = vault();
  const input = { namespace: 'a', secret: 'b', key: 'c', to: app };
  addRule(db, input, 1);
  expect(() => addRule(db, input, 2)).toThrow(expect.objectContaining({ code: 'already_exists' }));
  expect(() => addRule(db, { ...input, to: { resource: 'orders-db', account: 'nobody' } }, 2)).toThrow(
    expect.objectContaining({ code: 'not_found' }),
  );
  expect(() => removeRule(db, 999)).toThrow(expect.objectContaining({ code: 'not_found' }));
});
