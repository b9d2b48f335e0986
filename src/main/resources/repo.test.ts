// The resources store: resources per namespace, accounts written by resourceVersion, versions kept, deletes marked then purged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../test/support/migrated-db';
import type { RawSecret } from '../kube/secret-types';
import * as repo from './repo';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (name: string, rv: string, password: string, by?: string): RawSecret => ({
  metadata: {
    name,
    resourceVersion: rv,
    ...(by ? { managedFields: [{ manager: by, operation: 'Update', time: '2026-01-01T00:00:00Z' }] } : {}),
  },
  type: 'Opaque',
  data: { password: b64(password) },
});

let t: TestDb;
beforeEach(() => {
  t = migratedTo();
});
afterEach(() => t.dispose());

const resource = (namespace: string, scope: 'namespace' | 'selected' = 'namespace') =>
  repo.ensureResource(t.db, { clusterId: 'c1', clusterName: 'prod', namespace, scope, now: 10 });

describe('resources', () => {
  it('names a resource <namespace>-<cluster>, finds it again, and widens a selected one to the namespace', () => {
    const picked = resource('payments', 'selected');
    expect(picked).toMatchObject({ name: 'payments-prod', cluster_id: 'c1', namespace: 'payments', scope: 'selected' });
    expect(resource('payments', 'selected').id).toBe(picked.id);
    expect(resource('payments', 'namespace')).toMatchObject({ id: picked.id, scope: 'namespace' });
    expect(repo.resourceFor(t.db, 'c1', 'payments')?.scope).toBe('namespace');
    expect(repo.resourcesOfCluster(t.db, 'c1').map((r) => r.name)).toEqual(['payments-prod']);
    expect(repo.resourcesOfCluster(t.db, 'other')).toEqual([]);
  });
});

describe('accounts and versions', () => {
  it('adds an account, skips an unchanged resourceVersion, and records a new version when it moves', () => {
    const r = resource('payments');
    expect(repo.writeSecret(t.db, r.id, undefined, secret('db', '1', 'first'), 20)).toBe('added');
    let index = repo.accountIndex(t.db, r.id);
    expect([...index.keys()]).toEqual(['db']);
    expect(repo.writeSecret(t.db, r.id, index.get('db'), secret('db', '1', 'first'), 30)).toBe('unchanged');
    expect(repo.writeSecret(t.db, r.id, index.get('db'), secret('db', '2', 'second', 'kubectl-edit'), 40)).toBe(
      'changed',
    );
    index = repo.accountIndex(t.db, r.id);
    const id = index.get('db')?.id ?? -1;
    const versions = repo.versionsOf(t.db, id);
    expect(versions.map((v) => v.resource_version)).toEqual(['2', '1']);
    expect(versions[0]?.changed_by).toBe('kubectl-edit');
    expect(repo.versionById(t.db, id)?.resource_version).toBe('2');
    expect(repo.versionById(t.db, id, versions[1]?.id)?.data).toBe(JSON.stringify({ password: b64('first') }));
    expect(repo.versionById(t.db, id + 1000)).toBeUndefined();
    expect(repo.accountById(t.db, id)).toMatchObject({ name: 'db', resource_name: 'payments-prod', cluster_id: 'c1' });
  });

  it('marks an account deleted, brings it back when seen again, and purges only deleted ones', () => {
    const r = resource('payments');
    repo.writeSecret(t.db, r.id, undefined, secret('gone', '1', 'x'), 20);
    repo.writeSecret(t.db, r.id, undefined, secret('kept', '1', 'y'), 20);
    const index = repo.accountIndex(t.db, r.id);
    const gone = index.get('gone')?.id ?? -1;
    repo.markDeleted(t.db, gone, 30);
    expect(repo.accountIndex(t.db, r.id).get('gone')?.state).toBe('deleted_in_cluster');
    expect(repo.presentCounts(t.db, 'c1').get(r.id)).toBe(1);
    // Seen again with the same resourceVersion: a deleted account is written back, not skipped.
    expect(repo.writeSecret(t.db, r.id, repo.accountIndex(t.db, r.id).get('gone'), secret('gone', '1', 'x'), 40)).toBe(
      'changed',
    );
    repo.markDeleted(t.db, gone, 50);
    expect(repo.purgeDeleted(t.db, { accountIds: [index.get('kept')?.id ?? -1] })).toBe(0);
    expect(repo.purgeDeleted(t.db, { clusterId: 'other' })).toBe(0);
    expect(repo.purgeDeleted(t.db, { clusterId: 'c1' })).toBe(1);
    expect(repo.accountById(t.db, gone)).toBeUndefined();
    expect(repo.versionsOf(t.db, gone)).toEqual([]);
    expect([...repo.accountIndex(t.db, r.id).keys()]).toEqual(['kept']);
  });
});

describe('sync state', () => {
  it('remembers the list resourceVersion of a cluster, and forgets it on request', () => {
    expect(repo.listRv(t.db, 'c1')).toBeUndefined();
    repo.setListRv(t.db, 'c1', '777', 10);
    expect(repo.listRv(t.db, 'c1')).toBe('777');
    repo.setListRv(t.db, 'c1', undefined, 20);
    expect(repo.listRv(t.db, 'c1')).toBeUndefined();
  });
});
