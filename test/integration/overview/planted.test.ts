// Planted findings (a certificate expiring in 5 days, one value in two Secrets, a weak password) show in the overview service and `strongroom overview --json`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { overviewJson } from '../../../src/cli/commands/overview';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { makeCert } from '../../support/test-pki';
import { cliOk, openUnlocked } from '../sync/cli-child';

const PASS = 'overview test passphrase';
const DAY = 86_400_000;
let cluster: TestCluster;
let dir: string;
let ns: string;
let otherNs: string;

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (namespace: string, name: string, data: Record<string, string>, type = 'Opaque') =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Secret', type, metadata: { name, namespace }, data });

async function cliJson<T>(args: string[]): Promise<T> {
  const child = spawn(process.execPath, ['bin/strongroom.mjs', '--data-dir', dir, '--json', ...args], {
    env: { ...process.env, STRONGROOM_PASSPHRASE: PASS },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`strongroom ${args.join(' ')} exited ${code}: ${err}${out}`);
  return JSON.parse(out) as T;
}

beforeAll(async () => {
  cluster = await getTestCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-overview-'));
  ns = cluster.uniqueName('overview');
  otherNs = cluster.uniqueName('overview2');
  await cluster.kubectl(['create', 'namespace', ns]);
  await cluster.kubectl(['create', 'namespace', otherNs]);
  const cert = await makeCert(
    'expiring.example',
    new Date(Date.now() - DAY),
    new Date(Date.now() + 5 * DAY + 3_600_000),
  );
  const shared = 'Zq8#rT3!vN6@pL1$wK4%';
  const docs = [
    secret(ns, 'web-tls', { 'tls.crt': b64(cert.pem), 'tls.key': b64('not a real key') }, 'kubernetes.io/tls'),
    secret(ns, 'app-db', { password: b64('hunter2'), username: b64('app') }),
    secret(ns, 'api-a', { token: b64(shared) }),
    secret(otherNs, 'api-b', { 'api-token': b64(shared) }),
  ];
  const r = await cluster.kubectl(['apply', '-f', '-'], { input: docs.join('\n') });
  if (r.code !== 0) throw new Error(r.stderr);
  if (!cluster.adminToken) throw new Error('this test needs a token-based kubeconfig');
  await cliOk(dir, PASS, ['init', '--no-keychain']);
  await cliOk(dir, PASS, [
    'cluster',
    'import-kubeconfig',
    cluster.writeKubeconfig(cluster.adminToken, 'ov'),
    '--name',
    'ov',
  ]);
  await cliOk(dir, PASS, ['fetch', 'ov', '--namespace', ns, otherNs]);
}, 180_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, otherNs, '--wait=false']);
  await cluster?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('the overview service shows the planted certificate, reused value and weak password, with links', async () => {
  const { app, call } = await openUnlocked(dir, PASS);
  try {
    const o = await call('overview:get', {});
    const cert = o.certificates.find((c) => c.namespace === ns && c.secret === 'web-tls');
    expect(cert).toMatchObject({ cluster: 'ov', key: 'tls.crt', subject: 'CN=expiring.example', daysLeft: 5 });
    expect(cert?.accountId).toBeGreaterThan(0);
    const reused = o.reused.find((r) => r.places.includes(`ov/${ns}/api-a:token`));
    expect(reused?.count).toBe(2);
    expect(reused?.places).toContain(`ov/${otherNs}/api-b:api-token`);
    expect(o.weak.filter((w) => w.namespace === ns)).toMatchObject([
      { secret: 'app-db', key: 'password', reason: 'short' },
    ]);
    const cl = o.clusters.find((c) => c.name === 'ov');
    expect(cl).toMatchObject({ secrets: 4, failures: 0, lastOutcome: 'ok', answered: true });
    expect(o.activity.recent.length).toBeGreaterThan(0);
    // No value, nor its hash, appears anywhere in the answer.
    const text = JSON.stringify(o);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('Zq8#rT3');
  } finally {
    await app.close();
  }
}, 120_000);

it('`strongroom overview --json` carries exactly the documented fields and the same findings', async () => {
  const o = await cliJson<ReturnType<typeof overviewJson>>(['overview']);
  expect(Object.keys(o)).toEqual(['clusters', 'certificates', 'reused', 'weak', 'stale']);
  expect(Object.keys(o.clusters[0] ?? {})).toEqual(['name', 'secrets', 'lastSync', 'nextSync', 'failures']);
  expect(o.clusters).toContainEqual(expect.objectContaining({ name: 'ov', secrets: 4, failures: 0, nextSync: null }));
  const cert = o.certificates.find((c) => c.namespace === ns);
  expect(Object.keys(cert ?? {})).toEqual(['cluster', 'namespace', 'secret', 'key', 'subject', 'notAfter', 'daysLeft']);
  expect(cert).toMatchObject({ cluster: 'ov', secret: 'web-tls', key: 'tls.crt', daysLeft: 5 });
  expect(o.reused).toContainEqual({ count: 2, places: [`ov/${ns}/api-a:token`, `ov/${otherNs}/api-b:api-token`] });
  expect(o.weak).toContainEqual(expect.objectContaining({ namespace: ns, secret: 'app-db', key: 'password' }));
  expect(JSON.stringify(o)).not.toContain('hunter2');
}, 120_000);
