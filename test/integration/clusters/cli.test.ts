// The strongroom cluster and setup-yaml commands as child processes against the test cluster.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTestResult } from '../../../src/shared/clusters';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { PASSPHRASE } from './harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = path.join(ROOT, 'src/cli/main.ts');
let cluster: TestCluster;
let dir: string;
const cleanup: string[][] = [];

/** Async on purpose: the sandbox runs in this process and must keep answering while the CLI runs. */
function cli(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      STRONGROOM_PASSPHRASE: PASSPHRASE,
      STRONGROOM_LOG_LEVEL: 'silent',
    };
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', CLI, '--data-dir', path.join(dir, 'data'), ...args],
      { cwd: ROOT, env },
      (error, out, err) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
    child.stdin?.end(input);
  });
}

async function kubectl(args: string[]): Promise<string> {
  const r = await cluster.kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  cluster = await getTestCluster();
  dir = fs.mkdtempSync(path.join(cluster.kubeconfigPath, '..', 'cli-'));
  fs.writeFileSync(path.join(dir, 'ca.crt'), cluster.caPem);
});

afterAll(async () => {
  for (const args of cleanup.reverse()) await cluster.kubectl(args);
  await cluster?.close();
});

describe('strongroom cluster commands', () => {
  it('setup-yaml --access-accounts mints tokens and nothing more; --session-secrets adds the session Secrets rule', async () => {
    const plain = await cli(['setup-yaml', '--variant', 'read-write', '--access-accounts', 'edit']);
    expect(plain.code, plain.err).toBe(0);
    expect(plain.out).toContain('serviceaccounts/token');
    expect(plain.out).not.toMatch(/resources:\s*\n?\s*- secrets\s*\n\s*verbs:\s*\n?\s*- create/);
    const bound = await cli([
      'setup-yaml',
      '--variant',
      'read-write',
      '--access-accounts',
      'edit',
      '--session-secrets',
    ]);
    expect(bound.code, bound.err).toBe(0);
    expect(bound.out.length).toBeGreaterThan(plain.out.length);
    expect(bound.out).toMatch(/- secrets\s*\n\s*verbs:\s*\n\s*- create\s*\n\s*- delete/);
  });

  it('setup-yaml, kubectl apply, cluster add --token-stdin, list, test, revoke, remove', async () => {
    const ns = cluster.uniqueName('strongroom');
    const file = path.join(dir, 'setup.yaml');
    const setup = await cli(['setup-yaml', '--variant', 'read-only', '--sa-namespace', ns, '-o', file]);
    expect(setup.code, setup.err).toBe(0);
    expect(setup.out).toContain(`kubectl -n ${ns} get secret strongroom-token -o jsonpath='{.data.token}' | base64 -d`);
    cleanup.push(['delete', '-f', file, '--ignore-not-found']);
    await kubectl(['apply', '-f', file]);
    let token = '';
    for (let i = 0; i < 50 && !token; i++) {
      token = Buffer.from(
        await kubectl(['-n', ns, 'get', 'secret', 'strongroom-token', '-o', 'jsonpath={.data.token}']),
        'base64',
      ).toString();
      if (!token) await new Promise((resolve) => setTimeout(resolve, 200));
    }

    expect((await cli(['init', '--no-keychain'])).code).toBe(0);
    const ca = path.join(dir, 'ca.crt');
    const add = await cli(
      ['cluster', 'add', '--name', 'cli', '--server', cluster.server, '--ca', ca, '--token-stdin'],
      `${token}\n`,
    );
    expect(add.code, add.err).toBe(0);
    expect(add.err).toMatch(/\[ok {2}\] account/);
    expect(add.out).toMatch(/saved cluster "cli"/);
    expect(`${add.out}${add.err}`).not.toContain(token);

    const bad = await cli(
      ['cluster', 'add', '--name', 'bad', '--server', cluster.server, '--ca', ca, '--token-stdin'],
      'nope',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/wrong, expired, or revoked[\s\S]*"bad" was not saved/);

    const list = await cli(['cluster', 'list']);
    expect(list.out).toMatch(new RegExp(`^cli\\t${cluster.server}\\tok `, 'm'));

    const test = await cli(['cluster', 'test', 'cli', '--json']);
    expect(test.code, test.err).toBe(0);
    expect((JSON.parse(test.out) as ConnectionTestResult).steps.map((s) => s.status)).toEqual(['pass', 'pass', 'pass']);

    await kubectl(['-n', ns, 'delete', 'secret', 'strongroom-token']);
    let failed = await cli(['cluster', 'test', 'cli']);
    for (let i = 0; i < 20 && failed.code === 0; i++) failed = await cli(['cluster', 'test', 'cli']);
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/\[FAIL\] account[\s\S]*fix: Print the token again/);

    const removed = await cli(['cluster', 'remove', 'cli']);
    expect(removed.out).toMatch(/Cluster "cli" deleted\. Its 0 fetched resource\(s\) stay in the vault/);
    expect((await cli(['cluster', 'test', 'cli'])).err).toMatch(/no cluster named "cli"/);
  });
});
