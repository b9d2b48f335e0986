// The agent as a process in init mode, against the test cluster with a simulated in-cluster environment.
import { lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { type AgentEnv, applyYaml, bundleAgent, inClusterEnv, runAgent, secretYaml, targetDir } from './harness';
import { grantAsGenerated } from './rbac-fixture';

let cluster: TestCluster;
let ns: string;
let agent: AgentEnv;
const binary = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 10, 13, 10, 0]);
const values = {
  password: Buffer.from('s3cret with trailing newlines\n\n'),
  'blob.bin': binary,
  'ca.crt': Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'),
  empty: Buffer.alloc(0),
};

beforeAll(async () => {
  cluster = await getTestCluster();
  ns = cluster.uniqueName('agent-init');
  expect((await cluster.kubectl(['create', 'namespace', ns])).code).toBe(0);
  await applyYaml(cluster, secretYaml(ns, 'db', values));
  await applyYaml(cluster, secretYaml(ns, 'api', { token: Buffer.from('tok\n') }));
  await applyYaml(cluster, secretYaml(ns, 'not-granted', { other: Buffer.from('nope') }));
  await applyYaml(cluster, secretYaml(ns, 'web-a', { k: Buffer.from('a') }, { labels: { app: 'web' } }));
  await applyYaml(cluster, secretYaml(ns, 'web-b', { k: Buffer.from('b') }, { labels: { app: 'web' } }));
  agent = await inClusterEnv(cluster, ns, 'agent', await bundleAgent());
  await grantAsGenerated(cluster, ns, 'agent', ['db', 'api', 'gone'], 'init');
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await cluster?.close();
});

describe('agent init mode', () => {
  it('writes every key byte-exact (binary, trailing newlines, empty) with mode 0400 and exits 0', async () => {
    const dir = targetDir();
    const run = await runAgent(agent, {
      STRONGROOM_AGENT_MODE: 'init',
      STRONGROOM_AGENT_SECRETS: 'db,api',
      STRONGROOM_AGENT_DIR: dir,
    });
    expect(run.code, run.stdout).toBe(0);
    for (const [key, value] of Object.entries(values)) {
      expect(readFileSync(join(dir, 'db', key)).equals(value), key).toBe(true);
      expect(statSync(join(dir, 'db', key)).mode & 0o777).toBe(0o400);
    }
    expect(readFileSync(join(dir, 'api', 'token'), 'utf8')).toBe('tok\n');
    expect(lstatSync(join(dir, '..data')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'db'))).toBe('..data/db');
    expect(run.stdout).not.toContain('s3cret');
    expect(run.stdout).toContain('"msg":"secrets written"');
  });

  it('writes one JSON and one env file per Secret when asked', async () => {
    const dir = targetDir();
    const json = await runAgent(agent, {
      STRONGROOM_AGENT_MODE: 'init',
      STRONGROOM_AGENT_SECRETS: 'api',
      STRONGROOM_AGENT_DIR: dir,
      STRONGROOM_AGENT_LAYOUT: 'json',
    });
    expect(json.code, json.stdout).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'api.json'), 'utf8'))).toEqual({ token: 'tok\n' });
    const envDir = targetDir();
    const env = await runAgent(agent, {
      STRONGROOM_AGENT_MODE: 'init',
      STRONGROOM_AGENT_SECRETS: 'api',
      STRONGROOM_AGENT_DIR: envDir,
      STRONGROOM_AGENT_LAYOUT: 'env',
    });
    expect(env.code, env.stdout).toBe(0);
    expect(readFileSync(join(envDir, 'api.env'), 'utf8')).toBe("token='tok\n'\n");
  });

  it('exits 1 naming the Secret when a required Secret does not exist', async () => {
    const run = await runAgent(agent, {
      STRONGROOM_AGENT_MODE: 'init',
      STRONGROOM_AGENT_SECRETS: 'db,gone',
      STRONGROOM_AGENT_DIR: targetDir(),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Secret ${ns}/gone does not exist`);
  });

  it('exits 1 with Forbidden when the Secret is not among those granted', async () => {
    const run = await runAgent(agent, {
      STRONGROOM_AGENT_MODE: 'init',
      STRONGROOM_AGENT_SECRETS: 'not-granted',
      STRONGROOM_AGENT_DIR: targetDir(),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`may not read Secret ${ns}/not-granted (Forbidden`);
    expect(run.stdout).not.toContain('nope');
  });

  it('fails fast with exit 2 and every problem listed when the configuration is invalid', async () => {
    const run = await runAgent(agent, {
      STRONGROOM_AGENT_MODE: 'daemon',
      STRONGROOM_AGENT_SECRETS: 'db,Bad_Name',
      STRONGROOM_AGENT_DIR: 'relative',
      STRONGROOM_AGENT_FILE_MODE: '0666',
      STRONGROOM_AGENT_REFRESH: 'often',
    });
    expect(run.code).toBe(2);
    for (const v of [
      'STRONGROOM_AGENT_MODE',
      'STRONGROOM_AGENT_SECRETS',
      'STRONGROOM_AGENT_DIR',
      'STRONGROOM_AGENT_FILE_MODE',
      'STRONGROOM_AGENT_REFRESH',
    ])
      expect(run.stdout).toContain(v);
  });

  it('selects by label with a hand-written list Role, and exits 1 with Forbidden without one', async () => {
    const dir = targetDir();
    const env = { STRONGROOM_AGENT_MODE: 'init', STRONGROOM_AGENT_SELECTOR: 'app=web', STRONGROOM_AGENT_DIR: dir };
    const denied = await runAgent(agent, env);
    expect(denied.code).toBe(1);
    expect(denied.stdout).toContain(`may not read the Secrets in ${ns} (Forbidden`);
    const lister = await inClusterEnv(cluster, ns, 'lister', agent.bundle);
    const rbac = 'rbac.authorization.k8s.io/v1';
    await applyYaml(
      cluster,
      stringify({
        apiVersion: rbac,
        kind: 'Role',
        metadata: { name: 'lister', namespace: ns },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
      }) +
        '---\n' +
        stringify({
          apiVersion: rbac,
          kind: 'RoleBinding',
          metadata: { name: 'lister', namespace: ns },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'lister' },
          subjects: [{ kind: 'ServiceAccount', name: 'lister', namespace: ns }],
        }),
    );
    const run = await runAgent(lister, env);
    expect(run.code, run.stdout).toBe(0);
    expect(readFileSync(join(dir, 'web-a', 'k'), 'utf8')).toBe('a');
    expect(readFileSync(join(dir, 'web-b', 'k'), 'utf8')).toBe('b');
    expect(() => readFileSync(join(dir, 'db', 'password'))).toThrow(/ENOENT/);
  });
});
