// Fetch a namespace, change/add/delete Secrets with kubectl, sync: the report and the history say what happened.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as repo from '../../../src/main/resources/repo';
import { decodeData } from '../../../src/main/resources/secret';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { testClusterId } from '../../support/ids';
import { kubectlOk, type SyncHarness, secretManifest, syncHarness } from './harness';

let cluster: TestCluster;
let h: SyncHarness;
let ns: string;
let other: string;

const secretYaml = (name: string, data: Record<string, Buffer | string>, type = 'Opaque') =>
  secretManifest(ns, name, data, type);
const kubectl = (args: string[], input?: string) => kubectlOk(cluster, args, input);

beforeAll(async () => {
  cluster = await getTestCluster();
  ns = cluster.uniqueName('sync');
  await kubectl(['create', 'namespace', ns]);
  await kubectl(['apply', '-f', '-'], secretYaml('db', { password: 'hunter2\n', user: 'app' }));
  await kubectl(['apply', '-f', '-'], secretYaml('bin', { blob: Buffer.from([0, 255, 10, 13, 128]) }));
  await kubectl(['apply', '-f', '-'], secretYaml('gone', { k: 'v' }));
  await kubectl(['apply', '-f', '-'], secretYaml('sh.helm.release.v1.x.v1', { release: 'abc' }, 'helm.sh/release.v1'));
  // A second namespace makes sync take the cluster-wide metadata list rather than one list per namespace.
  other = cluster.uniqueName('sync-other');
  await kubectl(['create', 'namespace', other]);
  await kubectl(['create', 'secret', 'generic', 'o', '-n', other, '--from-literal=k=v']);
  h = await syncHarness(cluster, { includeNamespaces: [ns, other] });
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, other, '--wait=false']);
  h?.dispose();
  await cluster?.close();
});

it('fetch stores each Secret as an account of <namespace>-<cluster>, byte-exact, hiding Helm releases', async () => {
  const report = await h.sync.fetch({ clusterId: testClusterId('c1'), namespaces: [ns, other] });
  expect(report.totals).toMatchObject({ added: 4, failed: 0 });
  const db = h.fx.vault.db();
  const resource = repo.resourceFor(db, 'c1', ns);
  expect(resource?.name).toBe(`${ns}-test`);
  const index = repo.accountIndex(db, resource?.id ?? 0);
  expect([...index.keys()].sort()).toEqual(['bin', 'db', 'gone']);
  const bin = repo.versionById(db, index.get('bin')?.id ?? 0);
  expect([...(decodeData(bin?.data ?? '{}').blob ?? [])]).toEqual([0, 255, 10, 13, 128]);
  const dbv = repo.versionById(db, index.get('db')?.id ?? 0);
  expect(Buffer.from(decodeData(dbv?.data ?? '{}').password ?? []).toString()).toBe('hunter2\n');
});

it('sync reports added, changed, deleted and unchanged, and keeps the old value as a version', async () => {
  await kubectl(['apply', '-f', '-'], secretYaml('db', { password: 'hunter3\n', user: 'app' }));
  await kubectl(['apply', '-f', '-'], secretYaml('new', { token: 'abc' }));
  await kubectl(['delete', 'secret', 'gone', '-n', ns]);
  h.fx.clock.advance(60_000);
  const report = await h.sync.sync({ clusterId: testClusterId('c1') });
  expect(report.shortCircuit).toBe(false);
  const nsr = report.namespaces.find((r) => r.namespace === ns);
  expect(nsr).toMatchObject({ added: 1, changed: 1, deleted: 1, unchanged: 1, failed: 0, outcome: 'ok' });
  const db = h.fx.vault.db();
  const index = repo.accountIndex(db, repo.resourceFor(db, 'c1', ns)?.id ?? 0);
  expect(index.get('gone')?.state).toBe('deleted_in_cluster');
  const versions = repo.versionsOf(db, index.get('db')?.id ?? 0);
  expect(versions).toHaveLength(2);
  const values = versions.map((v) => Buffer.from(decodeData(v.data).password ?? []).toString());
  expect(values).toEqual(['hunter3\n', 'hunter2\n']);
});

it('a second sync of an unchanged cluster changes nothing', async () => {
  const report = await h.sync.sync({ clusterId: testClusterId('c1') });
  expect(report.totals).toMatchObject({ added: 0, changed: 0, deleted: 0, unchanged: 4, failed: 0 });
});
