// The agent CLI against the test cluster: manifest (-o and --patch) that kubectl applies, keygen, register and seal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toYaml } from '../../../src/main/agent/yaml-docs';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import * as child from '../sync/cli-child';
import { applyYaml, secretYaml } from './harness';
import { workloadFor } from './rbac-fixture';

const PASS = 'agent cli passphrase';
let cluster: TestCluster;
let dir: string;
let ns: string;

const cli = (args: string[]) => child.cliRun(dir, PASS, args);
const cliOk = (args: string[]) => child.cliOk(dir, PASS, args);

beforeAll(async () => {
  cluster = await getTestCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-agent-cli-'));
  ns = cluster.uniqueName('agent-cli');
  expect((await cluster.kubectl(['create', 'namespace', ns])).code).toBe(0);
  await applyYaml(cluster, secretYaml(ns, 'db', { password: Buffer.from('cli-plain\n') }));
  await applyYaml(cluster, toYaml(workloadFor(ns, 'web')));
  await applyYaml(cluster, toYaml(workloadFor(ns, 'api')));
  if (!cluster.adminToken) throw new Error('this test needs a token-based kubeconfig');
  await cliOk(['init', '--no-keychain']);
  await cliOk([
    'cluster',
    'import-kubeconfig',
    cluster.writeKubeconfig(cluster.adminToken, 'agent-cli'),
    '--name',
    'agent-cli',
  ]);
}, 180_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await cluster?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('agent manifest -o writes YAML that kubectl apply -f accepts, and --patch prints a patch kubectl patch accepts', async () => {
  const file = path.join(dir, 'web.yaml');
  await cliOk([
    'agent',
    'manifest',
    '--workload',
    'deploy/web',
    '-n',
    ns,
    '--secrets',
    'db',
    '--mode',
    'sidecar',
    '-o',
    file,
  ]);
  const again = await cli(['agent', 'manifest', '--workload', 'deploy/web', '-n', ns, '--secrets', 'db', '-o', file]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('already exists; nothing was written');
  const applied = await cluster.kubectl(['apply', '-f', file]);
  expect(applied.code, applied.stderr).toBe(0);
  expect(applied.stdout).toContain('rolebinding.rbac.authorization.k8s.io/web-secrets-agent');
  const patch = await cliOk(['agent', 'manifest', '--workload', 'deploy/api', '-n', ns, '--secrets', 'db', '--patch']);
  expect(patch).toContain('strongroom-agent');
  const patched = await cluster.kubectl([
    'patch',
    'deployment',
    'api',
    '-n',
    ns,
    '--type',
    'strategic',
    '--patch',
    patch,
  ]);
  expect(patched.code, patched.stderr).toBe(0);
  const bad = await cli(['agent', 'manifest', '--workload', 'pod/web', '-n', ns, '--secrets', 'db']);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('is not KIND/NAME');
}, 240_000);

it('agent keygen, agent register and seal leave only ciphertext in the cluster', async () => {
  const prefix = path.join(dir, 'web-agent');
  await cliOk(['agent', 'keygen', '-o', prefix]);
  expect(fs.statSync(`${prefix}.key`).mode & 0o777).toBe(0o600);
  expect((await cli(['agent', 'keygen', '-o', prefix])).code).toBe(1);
  await cliOk(['agent', 'register', 'agent-cli', `${ns}/web-secrets-agent`, '--public-key', `${prefix}.pub`]);
  const out = await cliOk(['--json', 'seal', 'agent-cli', `${ns}/db`]);
  expect(JSON.parse(out)).toMatchObject({ agent: 'web-secrets-agent', keys: 1 });
  const secret = await cluster.kubectl(['get', 'secret', 'db', '-n', ns, '-o', 'json']);
  expect(secret.stdout).not.toContain(Buffer.from('cli-plain\n').toString('base64'));
  expect(JSON.parse(secret.stdout).metadata.annotations['strongroom.io/sealed-to']).toMatch(/^[0-9a-f]{16}$/);
}, 240_000);
