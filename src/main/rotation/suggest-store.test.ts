// Mapping suggestions: equal values, conventional names, PostgreSQL URLs, ties, accept, accept all and dismiss.
import { afterEach, expect, it } from 'vitest';
import { seedFetchedSecret } from '../../../test/support/fetched-secret';
import { migratedTo, type TestDb } from '../../../test/support/migrated-db';
import type { WritableDB } from '../vault/db';
import { listMappings, renderMappedValue } from './mapping-store';
import { acceptAllSuggestions, acceptSuggestion, dismissSuggestion, listSuggestions } from './suggest-store';
import { addPostgresResource, addTargetAccount } from './target-store';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

const APP_PW = 'app-Pw/42:x@y';

function vault(): WritableDB {
  t = migratedTo();
  const db = t.db;
  for (const name of ['orders-db', 'billing-db']) {
    addPostgresResource(
      db,
      { name, host: '127.0.0.1', port: 5432, tlsMode: 'disable', adminUser: 'postgres', adminPassword: 'adm' },
      1,
    );
  }
  addTargetAccount(db, 'orders-db', 'app', APP_PW, 1);
  addTargetAccount(db, 'orders-db', 'postgres', 'super-pw-1', 1);
  addTargetAccount(db, 'billing-db', 'billing', 'shared-pw', 1);
  addTargetAccount(db, 'billing-db', 'report', 'shared-pw', 1);
  return db;
}

const brief = (db: WritableDB) =>
  listSuggestions(db).map((s) => ({
    key: `${s.from.kubeResource}/${s.from.secret}:${s.from.key}`,
    to: `${s.to.resource}/${s.to.account}`,
    reason: s.reason,
    template: s.template,
    preferred: s.preferred,
    valueMatches: s.valueMatches,
  }));

it('suggests a key whose value equals an account password, says why, and never carries a value', () => {
  const db = vault();
  seedFetchedSecret(db, 'shop', 'db', { PGPASSWORD: APP_PW, other: 'not-a-password' });
  const out = listSuggestions(db);
  expect(brief(db)).toEqual([
    {
      key: 'shop-c1/db:PGPASSWORD',
      to: 'orders-db/app',
      reason: 'value equals the current password of orders-db/app',
      template: null,
      preferred: true,
      valueMatches: true,
    },
  ]);
  expect(JSON.stringify(out)).not.toContain(APP_PW);
});

it('suggests by conventional names, the postgres image default user, and notes a value that differs', () => {
  const db = vault();
  seedFetchedSecret(db, 'shop', 'creds', { username: 'app', password: APP_PW });
  seedFetchedSecret(db, 'shop', 'pg', { POSTGRES_PASSWORD: 'changed-since' });
  expect(brief(db)).toEqual([
    expect.objectContaining({
      key: 'shop-c1/creds:password',
      to: 'orders-db/app',
      reason: 'value equals the current password of orders-db/app; key password in a Secret whose username is app',
      preferred: true,
      valueMatches: true,
    }),
    expect.objectContaining({
      key: 'shop-c1/pg:POSTGRES_PASSWORD',
      to: 'orders-db/postgres',
      reason:
        'key POSTGRES_PASSWORD in a Secret without POSTGRES_USER (the postgres image then uses postgres); its value is not the password Strongroom holds',
      valueMatches: false,
    }),
  ]);
});

it('suggests a PostgreSQL URL holding the user and password, with a template that rebuilds it exactly', () => {
  const db = vault();
  const url = `postgresql://app:${encodeURIComponent(APP_PW)}@db.shop:5432/orders?sslmode=require`;
  seedFetchedSecret(db, 'shop', 'db', { DATABASE_URL: url, WRONG_URL: 'postgres://app:nope@db/orders' });
  const [s, ...rest] = listSuggestions(db);
  expect(rest).toEqual([]);
  expect(s).toMatchObject({
    from: { key: 'DATABASE_URL' },
    to: { resource: 'orders-db', account: 'app' },
    template: 'postgresql://{user}:{password}@db.shop:5432/orders?sslmode=require',
    evidence: ['url'],
    valueMatches: true,
  });
  expect(renderMappedValue(s?.template ?? null, 'app', APP_PW)).toBe(url);
});

it('leaves a tie between two accounts to the user, and a name breaks it', () => {
  const db = vault();
  seedFetchedSecret(db, 'fin', 'plain', { secret: 'shared-pw' });
  seedFetchedSecret(db, 'fin', 'named', { user: 'report', password: 'shared-pw' });
  const rows = brief(db);
  expect(rows.filter((r) => r.key === 'fin-c1/plain:secret').map((r) => [r.to, r.preferred])).toEqual([
    ['billing-db/billing', false],
    ['billing-db/report', false],
  ]);
  expect(rows.filter((r) => r.key === 'fin-c1/named:password').map((r) => [r.to, r.preferred])).toEqual([
    ['billing-db/report', true],
    ['billing-db/billing', false],
  ]);
});

it('accepts one with its template, accepts all the preferred, and a dismissal persists', () => {
  const db = vault();
  const url = `postgres://app:${encodeURIComponent(APP_PW)}@db/orders`;
  seedFetchedSecret(db, 'shop', 'db', { DATABASE_URL: url, PGPASSWORD: APP_PW });
  seedFetchedSecret(db, 'fin', 'plain', { secret: 'shared-pw' });
  const from = { kubeResource: 'shop-c1', secret: 'db', key: 'DATABASE_URL' };
  const { mapping } = acceptSuggestion(db, from, { resource: 'orders-db', account: 'app' }, 5);
  expect(mapping).toMatchObject({ key: 'DATABASE_URL', template: 'postgres://{user}:{password}@db/orders' });
  expect(() => acceptSuggestion(db, from, { resource: 'orders-db', account: 'app' }, 5)).toThrow(
    expect.objectContaining({ code: 'not_found' }),
  );

  dismissSuggestion(
    db,
    { kubeResource: 'fin-c1', secret: 'plain', key: 'secret' },
    { resource: 'billing-db', account: 'billing' },
    6,
  );
  expect(brief(db).map((r) => `${r.key} ${r.to} ${r.preferred}`)).toEqual([
    'fin-c1/plain:secret billing-db/report true',
    'shop-c1/db:PGPASSWORD orders-db/app true',
  ]);

  const all = acceptAllSuggestions(db, 7);
  expect(all.ambiguous).toBe(0);
  expect(all.accepted.map((a) => `${a.mapping.kubeResource}/${a.mapping.secret}:${a.mapping.key}`).sort()).toEqual([
    'fin-c1/plain:secret',
    'shop-c1/db:PGPASSWORD',
  ]);
  expect(listSuggestions(db)).toEqual([]);
  expect(listMappings(db, { account: { resource: 'orders-db', account: 'app' } })).toHaveLength(2);
});

it('accept all leaves keys whose accounts tie, and counts them', () => {
  const db = vault();
  seedFetchedSecret(db, 'fin', 'plain', { secret: 'shared-pw' });
  const all = acceptAllSuggestions(db, 7);
  expect(all).toEqual({ accepted: [], ambiguous: 1 });
  expect(listSuggestions(db)).toHaveLength(2);
});
