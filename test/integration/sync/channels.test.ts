// Through the channels: fetch, review, reveal (audited), history and diff, and an export that kubectl applies byte-exact.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { present } from '../../support/app-call';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { type AppHarness, appHarness, kubectlOk, secretManifest } from './harness';

let cluster: TestCluster;
let h: AppHarness;
let ns: string;
let target: string;
const binary = Buffer.from([0, 1, 2, 254, 255, 10, 13, 0]);

const secret = (name: string, data: Record<string, Buffer | string>, type = 'Opaque') =>
  secretManifest(ns, name, data, type);
const kubectl = (args: string[], input?: string) => kubectlOk(cluster, args, input);

beforeAll(async () => {
  cluster = await getTestCluster();
  ns = cluster.uniqueName('review');
  target = cluster.uniqueName('restore');
  await kubectl(['create', 'namespace', ns]);
  await kubectl(['create', 'namespace', target]);
  await kubectl(['apply', '-f', '-'], secret('app', { password: 'first\n', blob: binary, 'config.json': '{"a":1}' }));
  await kubectl(['apply', '-f', '-'], secret('sh.helm.release.v1.app.v1', { release: 'H4sI' }, 'helm.sh/release.v1'));
  h = await appHarness(cluster, { includeNamespaces: [ns, target] });
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, target, '--wait=false']);
  await h?.dispose();
  await cluster?.close();
});

it('browse counts Secrets per namespace and hides Helm releases unless asked, without storing anything', async () => {
  const browse = await h.call('sync:browseNamespaces', { clusterId: 'c1' });
  expect(browse.namespaces.find((n) => n.namespace === ns)).toMatchObject({ secrets: 1, hidden: 1, resourceId: null });
  const secrets = await h.call('sync:browseSecrets', { clusterId: 'c1', namespace: ns });
  expect(secrets.secrets.map((s) => s.name)).toEqual(['app']);
  expect(secrets.hiddenCount).toBe(1);
  expect(secrets.secrets[0]).toMatchObject({
    keys: ['blob', 'config.json', 'password'],
    size: 8 + 7 + 6,
    fetched: false,
  });
  const all = await h.call('sync:browseSecrets', {
    clusterId: 'c1',
    namespace: ns,
    showHidden: true,
  });
  expect(all.secrets).toHaveLength(2);
  const page = await h.call('resources:list', {});
  expect(page.total).toBe(0);
});

it('fetch, reveal, change, sync, then history and a per-key diff with values masked until revealed', async () => {
  const report = await h.call('sync:fetch', { clusterId: 'c1', namespaces: [ns] });
  expect(report.totals.added).toBe(1);
  const page = await h.call('resources:list', { filter: { text: 'app' } });
  expect(page.rows).toHaveLength(1);
  const row = page.rows[0];
  expect(row).toMatchObject({ name: 'app', resourceName: `${ns}-test`, keyCount: 3, size: 21, state: 'present' });
  const revealed = await h.call('resources:reveal', { accountId: present(row).id, key: 'password' });
  expect(revealed.value).toMatchObject({ kind: 'text', text: 'first\n' });
  await expect(h.call('resources:reveal', { accountId: present(row).id, key: 'no-such-key' })).rejects.toMatchObject({
    code: 'not_found',
  });
  // A failed reveal names the same account as a successful one.
  const reveals = (await h.call('audit:list', { limit: 100 })).events.filter((e) => e.action === 'secret.reveal');
  expect(reveals.map((e) => [e.target, e.outcome])).toEqual(
    expect.arrayContaining([
      [`${ns}-test/app`, 'ok'],
      [`${ns}-test/app`, 'not_found'],
    ]),
  );
  await kubectl(['apply', '-f', '-'], secret('app', { password: 'second', blob: binary, extra: 'x' }));
  await h.call('sync:sync', { clusterId: 'c1' });
  const detail = await h.call('resources:account', { accountId: present(row).id });
  expect(detail.versions).toHaveLength(2);
  const [newer, older] = detail.versions;
  const masked = await h.call('resources:diff', {
    accountId: present(row).id,
    fromVersionId: present(older).id,
    toVersionId: present(newer).id,
  });
  const status = Object.fromEntries(masked.keys.map((k) => [k.key, k.status]));
  expect(status).toEqual({ blob: 'same', 'config.json': 'removed', password: 'changed', extra: 'added' });
  expect(masked.keys.every((k) => k.from === undefined && k.to === undefined)).toBe(true);
  const shown = await h.call('resources:diff', {
    accountId: present(row).id,
    fromVersionId: present(older).id,
    toVersionId: present(newer).id,
    reveal: true,
  });
  expect(shown.keys.find((k) => k.key === 'password')).toMatchObject({
    from: { text: 'first\n' },
    to: { text: 'second' },
  });
  await h.call('app:copy', { text: 'second', clearAfterSeconds: 30, target: 'payments/db#password', source: 'vault' });
  const audit = await h.call('audit:list', { limit: 100 });
  const actions = audit.events.map((e) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining(['sync.fetch', 'sync.sync', 'secret.reveal', 'secret.copy', 'sync.browse']),
  );
  expect(JSON.stringify(audit.events)).not.toContain('second');
});

it('an exported account applies with kubectl into another namespace with byte-exact data', async () => {
  const page = await h.call('resources:list', { filter: { text: 'app' } });
  const file = path.join(h.dir, 'app.json');
  const result = await h.call('resources:export', {
    target: { kind: 'account', accountId: present(page.rows[0]).id },
    format: 'json',
    path: file,
    namespace: target,
  });
  expect(result).toMatchObject({ count: 1, encrypted: false });
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  await kubectl(['apply', '-f', file]);
  const copy = JSON.parse(await kubectl(['get', 'secret', 'app', '-n', target, '-o', 'json'])) as {
    data: Record<string, string>;
  };
  expect(Buffer.from(copy.data.blob ?? '', 'base64').equals(binary)).toBe(true);
  expect(Buffer.from(copy.data.password ?? '', 'base64').toString()).toBe('second');
  const list = path.join(h.dir, 'resource.json');
  const resources = await h.call('resources:resources', {});
  const r = await h.call('resources:export', {
    target: { kind: 'resource', resourceId: present(resources.find((x) => x.name === `${ns}-test`)).id },
    format: 'list',
    path: list,
  });
  expect(r.count).toBe(1);
  const audit = await h.call('audit:list', { action: 'secret.export', limit: 10 });
  expect(audit.events.length).toBeGreaterThanOrEqual(2);
});
