// The overview's findings written per batch of Secret versions: the same findings as one version at a time, nothing redone for unchanged values.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../test/support/migrated-db';
import { makeCert } from '../../../test/support/test-pki';
import { recordFindings } from './precompute';

const DAY = 86_400_000;
const b64 = (s: string) => Buffer.from(s).toString('base64');

let t: TestDb;
let pem: string;

beforeEach(async () => {
  t = migratedTo();
  t.db
    .prepare(
      "INSERT INTO resources (id, name, type, cluster_id, namespace, created_at) VALUES (1, 'ns', 'Kubernetes', 'c', 'ns', 0)",
    )
    .run();
  const account = t.db.prepare(
    "INSERT INTO accounts (id, resource_id, name, secret_type, resource_version, first_seen, last_synced) VALUES (?, 1, ?, 'Opaque', '1', 0, 0)",
  );
  for (const [id, name] of [
    [1, 'a'],
    [2, 'b'],
    [3, 'c'],
  ] as const)
    account.run(id, name);
  pem = (await makeCert('leaf.example', new Date(Date.now() - DAY), new Date(Date.now() + 30 * DAY))).pem;
});
afterEach(() => t.dispose());

const findings = () => ({
  values: t.db.prepare('SELECT account_id, key, weak FROM overview_values ORDER BY 1, 2').raw().all(),
  certs: t.db.prepare('SELECT id, account_id, key, subject FROM overview_certificates ORDER BY 1').raw().all(),
  changed: t.db.prepare('SELECT account_id, value_changed_at FROM overview_changes ORDER BY 1').raw().all(),
});

describe('recordFindings', () => {
  it('records a batch of accounts: hashes, weak values, certificates and when each changed', () => {
    recordFindings(t.db, [
      { accountId: 1, data: { password: b64('hunter2'), 'tls.crt': b64(pem) }, at: 10 },
      { accountId: 2, data: { token: b64('hunter2') }, at: 10 },
      { accountId: 3, data: {}, at: 10 },
    ]);
    const f = findings();
    expect(f.values).toEqual([
      [1, 'password', 'short'],
      [1, 'tls.crt', null],
      [2, 'token', 'short'],
    ]);
    expect(f.certs.map((c) => (c as unknown[]).slice(1))).toEqual([[1, 'tls.crt', 'CN=leaf.example']]);
    expect(f.changed).toEqual([
      [1, 10],
      [2, 10],
      [3, 10],
    ]);
    const hashes = t.db.prepare('SELECT hash FROM overview_values ORDER BY account_id, key').pluck().all() as Buffer[];
    // One value in two places shares one keyed hash.
    expect(hashes[0]?.equals(hashes[2] as Buffer)).toBe(true);
  });

  it('leaves the findings of unchanged values as they are, and redoes only the accounts whose values changed', () => {
    recordFindings(t.db, [
      { accountId: 1, data: { 'tls.crt': b64(pem) }, at: 10 },
      { accountId: 2, data: { 'tls.crt': b64(pem), password: b64('hunter2') }, at: 10 },
    ]);
    const [certA, certB] = findings().certs as unknown[][];
    recordFindings(t.db, [
      { accountId: 1, data: { 'tls.crt': b64(pem) }, at: 20 },
      { accountId: 2, data: { password: b64('correct horse battery staple 42!') }, at: 20 },
    ]);
    const f = findings();
    // Account 1's certificate row is the same row (not deleted and written again); account 2's is gone.
    expect(f.certs).toEqual([certA]);
    expect(certB?.[1]).toBe(2);
    expect(f.values).toEqual([
      [1, 'tls.crt', null],
      [2, 'password', null],
    ]);
    expect(f.changed).toEqual([
      [1, 10],
      [2, 20],
    ]);
  });

  it('handles the same account twice in one batch in order, as two batches would', () => {
    recordFindings(t.db, [
      { accountId: 1, data: { password: b64('a') }, at: 10 },
      { accountId: 1, data: { password: b64('a') }, at: 20 },
      { accountId: 2, data: { password: b64('a') }, at: 20 },
      { accountId: 1, data: { password: b64('b'), user: b64('x') }, at: 30 },
    ]);
    const f = findings();
    expect(f.values).toEqual([
      [1, 'password', 'short'],
      [1, 'user', null],
      [2, 'password', 'short'],
    ]);
    expect(f.changed).toEqual([
      [1, 30],
      [2, 20],
    ]);
  });
});
