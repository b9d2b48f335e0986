// Schema 205 and the mapping store: PostgreSQL resources and accounts, keys mapped both ways, refusals, templates.
import { afterEach, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../test/support/migrated-db';
import type { WritableDB } from '../vault/db';
import { addMapping, listMappings, removeMapping, renderMappedValue } from './mapping-store';
import { addPostgresResource, addTargetAccount, rotationSubject } from './target-store';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

function seedSecret(db: WritableDB, resource: string, namespace: string, secret: string, keys: string[]): void {
  const { lastInsertRowid } = db
    .prepare(
      "INSERT INTO resources (name, type, cluster_id, namespace, created_at) VALUES (?, 'Kubernetes', 'c1', ?, 1)",
    )
    .run(resource, namespace);
  db.prepare(
    "INSERT INTO accounts (resource_id, name, secret_type, resource_version, keys, first_seen, last_synced) VALUES (?, ?, 'Opaque', '7', ?, 1, 1)",
  ).run(lastInsertRowid, secret, JSON.stringify(keys));
}

function seeded(): WritableDB {
  t = migratedTo(205);
  const db = t.db;
  addPostgresResource(
    db,
    {
      name: 'orders-db',
      host: '127.0.0.1',
      port: 5432,
      tlsMode: 'disable',
      adminUser: 'postgres',
      adminPassword: 'adm',
    },
    10,
  );
  addTargetAccount(db, 'orders-db', 'app', 'pw-1', 11);
  seedSecret(db, 'shop-c1', 'shop', 'db', ['password', 'DATABASE_URL']);
  seedSecret(db, 'billing-c1', 'billing', 'db', ['PGPASSWORD']);
  return db;
}

it('maps many keys across namespaces to one account and lists them from either side', () => {
  const db = seeded();
  addMapping(
    db,
    { kubeResource: 'shop-c1', secret: 'db', key: 'password' },
    { resource: 'orders-db', account: 'app' },
    undefined,
    20,
  );
  addMapping(
    db,
    { kubeResource: 'shop-c1', secret: 'db', key: 'DATABASE_URL' },
    { resource: 'orders-db', account: 'app' },
    'postgres://{user}:{password}@db/orders',
    21,
  );
  addMapping(
    db,
    { kubeResource: 'billing-c1', secret: 'db', key: 'PGPASSWORD' },
    { resource: 'orders-db', account: 'app' },
    undefined,
    22,
  );

  const byAccount = listMappings(db, { account: { resource: 'orders-db', account: 'app' } });
  expect(byAccount.map((m) => `${m.namespace}/${m.secret}:${m.key}`)).toEqual([
    'billing/db:PGPASSWORD',
    'shop/db:DATABASE_URL',
    'shop/db:password',
  ]);
  const byKube = listMappings(db, { resource: 'shop-c1' });
  expect(byKube).toHaveLength(2);
  expect(byKube.find((m) => m.key === 'DATABASE_URL')).toMatchObject({
    resource: 'orders-db',
    account: 'app',
    template: 'postgres://{user}:{password}@db/orders',
  });

  expect(removeMapping(db, { kubeResource: 'shop-c1', secret: 'db', key: 'password' })).toMatchObject({
    key: 'password',
  });
  expect(listMappings(db, {})).toHaveLength(2);
});

it('refuses a second mapping of one key, unknown keys, Secrets and accounts, and templates without {password}', () => {
  const db = seeded();
  const to = { resource: 'orders-db', account: 'app' };
  addMapping(db, { kubeResource: 'shop-c1', secret: 'db', key: 'password' }, to, undefined, 20);
  expect(() => addMapping(db, { kubeResource: 'shop-c1', secret: 'db', key: 'password' }, to, undefined, 21)).toThrow(
    /already mapped/,
  );
  expect(() => addMapping(db, { kubeResource: 'shop-c1', secret: 'db', key: 'nope' }, to, undefined, 21)).toThrow(
    /no key "nope"/,
  );
  expect(() => addMapping(db, { kubeResource: 'shop-c1', secret: 'gone', key: 'x' }, to, undefined, 21)).toThrow(
    /no Secret "gone"/,
  );
  expect(() =>
    addMapping(
      db,
      { kubeResource: 'shop-c1', secret: 'db', key: 'DATABASE_URL' },
      { resource: 'orders-db', account: 'x' },
      undefined,
      21,
    ),
  ).toThrow(/no account "x"/);
  expect(() =>
    addMapping(db, { kubeResource: 'shop-c1', secret: 'db', key: 'DATABASE_URL' }, to, 'postgres://{user}@db', 21),
  ).toThrow(/\{password\}/);
  expect(() =>
    addPostgresResource(
      db,
      { name: 'orders-db', host: 'h', port: 1, tlsMode: 'disable', adminUser: 'a', adminPassword: 'b' },
      1,
    ),
  ).toThrow(/already exists/);
  expect(() =>
    addPostgresResource(
      db,
      { name: 'x', host: 'h', port: 1, tlsMode: 'verify-full', adminUser: 'a', adminPassword: 'b' },
      1,
    ),
  ).toThrow(/CA/);
  expect(() => removeMapping(db, { kubeResource: 'billing-c1', secret: 'db', key: 'PGPASSWORD' })).toThrow(
    /not mapped/,
  );
});

it('reads the rotation subject with its target and default policy, and cascades on resource deletion', () => {
  const db = seeded();
  const subject = rotationSubject(db, 'orders-db', 'app');
  expect(subject).toMatchObject({
    account: 'app',
    password: 'pw-1',
    target: { host: '127.0.0.1', port: 5432, adminUser: 'postgres', tlsMode: 'disable' },
  });
  expect(subject.policy.length).toBeGreaterThanOrEqual(12);
  addMapping(
    db,
    { kubeResource: 'shop-c1', secret: 'db', key: 'password' },
    { resource: 'orders-db', account: 'app' },
    undefined,
    20,
  );
  db.prepare("DELETE FROM resources WHERE name = 'orders-db'").run();
  expect(db.prepare('SELECT count(*) AS n FROM key_mappings').get()).toEqual({ n: 0 });
  expect(db.prepare('SELECT count(*) AS n FROM target_accounts').get()).toEqual({ n: 0 });
});

it('fills templates, percent-encoding user and password inside a URL only', () => {
  expect(renderMappedValue(null, 'app', 'a:b@c')).toBe('a:b@c');
  expect(renderMappedValue('postgres://{user}:{password}@db/x', 'app', 'a:b@c/d')).toBe(
    'postgres://app:a%3Ab%40c%2Fd@db/x',
  );
  expect(renderMappedValue('user={user} password={password}', 'app', 'a:b')).toBe('user=app password=a:b');
});
