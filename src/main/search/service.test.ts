// The palette's search: ranked fuzzy hits on clusters, Secret places and key names, never a value, fast at 10k Secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vaultFixture } from '../../../test/support/vault-fixture';
import { searchQuery } from '../../shared/ipc/search';
import * as repo from '../resources/repo';
import type { WritableDB } from '../vault/db';
import { SearchService } from './service';

const N = 10_000;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const SECRET_VALUE = 'hunter2-do-not-leak';

function addCluster(db: WritableDB, id: string, name: string) {
  db.prepare(
    "INSERT INTO clusters (id, name, server, ca_pem, token, created_at, updated_at) VALUES (?, ?, 'https://127.0.0.1:1', '', 'placeholder', 0, 0)",
  ).run(id, name);
}

function addSecret(db: WritableDB, cluster: string, namespace: string, name: string, keys: string[]) {
  const resource = repo.ensureResource(db, {
    clusterId: cluster,
    clusterName: cluster,
    namespace,
    scope: 'namespace',
    now: 1,
  });
  const data = Object.fromEntries(keys.map((k) => [k, b64(SECRET_VALUE)]));
  repo.writeSecret(
    db,
    resource.id,
    undefined,
    { metadata: { name, namespace, resourceVersion: '1' }, data },
    Date.now(),
  );
}

describe('SearchService', () => {
  const f = vaultFixture();
  let search: SearchService;

  beforeAll(async () => {
    await f.vault.init({ passphrase: 'search test passphrase', useKeychain: false });
    const db = f.vault.db();
    addCluster(db, 'c-prod', 'production');
    addCluster(db, 'c-stage', 'staging');
    db.transaction(() => {
      for (let i = 0; i < N; i++)
        addSecret(db, 'c-stage', `team-${i % 40}`, `app-${i}-config`, ['username', 'password']);
      addSecret(db, 'c-prod', 'payments', 'postgres-credentials', ['PGPASSWORD', 'PGUSER']);
      addSecret(db, 'c-prod', 'payments', 'stripe-webhook', ['signing_secret']);
    })();
    search = new SearchService(() => f.vault.db());
  });

  afterAll(() => f.dispose());

  it('ranks a Secret first for its name typed with a typo', () => {
    const [first] = search.query('postgres-credentails', 5).hits;
    expect(first).toMatchObject({
      kind: 'secret',
      name: 'postgres-credentials',
      cluster: 'production',
      namespace: 'payments',
    });
  });

  it('finds a Secret by its cluster/namespace/name place', () => {
    const hits = search.query('production/payments/stripe', 5).hits;
    expect(hits[0]).toMatchObject({ kind: 'secret', name: 'stripe-webhook' });
  });

  it('finds a Secret by a key name and says which key, without carrying any value', () => {
    const result = search.query('signing_secret', 5);
    expect(result.hits[0]).toMatchObject({ kind: 'secret', name: 'stripe-webhook', key: 'signing_secret' });
    expect(JSON.stringify(result)).not.toContain(SECRET_VALUE);
    expect(JSON.stringify(result)).not.toContain(b64(SECRET_VALUE));
  });

  it('finds clusters by name', () => {
    expect(search.query('producton', 5).hits[0]).toMatchObject({
      kind: 'cluster',
      clusterId: 'c-prod',
      name: 'production',
    });
  });

  it('caps the hits at the limit and orders them best first', () => {
    const { hits, searched } = search.query('app-12', 7);
    expect(hits).toHaveLength(7);
    expect(searched).toBe(N + 4);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('sees a Secret written after the index was built', () => {
    expect(
      search.query('brand-new-secret', 3).hits.some((h) => h.kind === 'secret' && h.name === 'brand-new-secret'),
    ).toBe(false);
    addSecret(f.vault.db(), 'c-prod', 'payments', 'brand-new-secret', ['token']);
    const start = performance.now();
    expect(search.query('brand-new-secret', 3).hits[0]).toMatchObject({ name: 'brand-new-secret' });
    console.log(`search index rebuilt over ${N} Secrets and queried in ${(performance.now() - start).toFixed(0)} ms`);
  });

  it(`answers a query over ${N.toLocaleString()} Secrets in well under a frame budget once indexed`, () => {
    search.query('warm-up', 20);
    const times: number[] = [];
    for (const text of ['app-9999', 'team-7/app', 'pasword', 'stripe', 'production', 'zzzz-nothing']) {
      const start = performance.now();
      search.query(text, 20);
      times.push(performance.now() - start);
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
    console.log(`search over ${N} Secrets: median ${median.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
    // About 25 ms on this 2-core machine under a load average of 16; Fuse alone over all 10k entries took 400 ms
    // there, and several seconds when other test runs shared the cores. The bound is for a shared CI machine.
    expect(median).toBeLessThan(500);
  });
});

describe('search:query input', () => {
  it('refuses an empty query, an over-long one, and a limit above 100', () => {
    expect(searchQuery.input.safeParse({ text: '  ' }).success).toBe(false);
    expect(searchQuery.input.safeParse({ text: 'x'.repeat(201) }).success).toBe(false);
    expect(searchQuery.input.safeParse({ text: 'db', limit: 1000 }).success).toBe(false);
    expect(searchQuery.input.parse({ text: 'db' })).toEqual({ text: 'db', limit: 20 });
  });
});
