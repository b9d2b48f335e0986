// Connect a cluster end to end: apply each setup YAML with real kubectl, read the token, test, save; then the failures.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/main/app';
import type { ClusterDraft, ConnectionTestResult, SetupVariant } from '../../../src/shared/clusters';
import type { TestCluster } from '../../support/cluster';
import { type ClusterAppHarness, clusterApp } from './harness';

let cluster: TestCluster;
let app: App;
let dir: string;
let h: ClusterAppHarness;
let value: ClusterAppHarness['value'];
const cleanup: string[][] = [];

async function kubectl(args: string[], opts: { kubeconfig?: string } = {}): Promise<string> {
  const r = await cluster.kubectl(args, opts);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The token controller fills the Secret asynchronously on a real cluster: poll briefly. */
async function readToken(namespace: string, secret: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const b64 = await kubectl(['-n', namespace, 'get', 'secret', secret, '-o', 'jsonpath={.data.token}']);
    if (b64) return Buffer.from(b64, 'base64').toString('utf8');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no token in ${namespace}/${secret}`);
}

/** Renders a variant through the IPC channel, applies it with kubectl, and returns the token it prints. */
async function applySetup(
  variant: SetupVariant,
  extra: { targetNamespaces?: string[]; accessAccounts?: ('view' | 'edit' | 'admin')[] } = {},
) {
  const saNamespace = cluster.uniqueName('strongroom');
  const setup = await value('clusters:setupYaml', { variant, namespace: saNamespace, ...extra });
  const file = path.join(dir, `${saNamespace}.yaml`);
  fs.writeFileSync(file, setup.yaml);
  cleanup.push(['delete', '-f', file, '--ignore-not-found']);
  await kubectl(['apply', '-f', file]);
  const token = await readToken(saNamespace, setup.serviceAccount.secretName);
  return { setup, token, saNamespace };
}

function draft(name: string, token: string, options: ClusterDraft['options'] = {}): ClusterDraft {
  return { name, server: cluster.server, caPem: cluster.caPem, token, options };
}

function step(result: ConnectionTestResult, name: 'host' | 'cluster' | 'account') {
  return result.steps.find((s) => s.step === name);
}

beforeAll(async () => {
  h = await clusterApp();
  ({ cluster, app, dir, value } = h);
});

afterAll(async () => {
  for (const args of cleanup.reverse()) await cluster.kubectl(args);
  await h?.close();
});

describe('connect a cluster with the setup YAML', () => {
  it.each(['read-only', 'read-write'] as const)('%s: applies with kubectl, tests clean, saves', async (variant) => {
    const { token } = await applySetup(variant);
    const progress: string[] = [];
    const stop = app.events.subscribe((name, payload) => {
      if (name === 'clusters:test-progress') {
        const p = payload as { progressId: string; step: { step: string; status: string } };
        if (p.progressId === variant) progress.push(`${p.step.step}:${p.step.status}`);
      }
    });
    const d = draft(`it-${variant}`, token, { variant });
    const result = await value('clusters:test', { draft: d, progressId: variant });
    stop();
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['host:pass', 'cluster:pass', 'account:pass']);
    expect(result.serverVersion).toMatch(/^v1\./);
    expect(result.permissions?.username).toMatch(/^system:serviceaccount:strongroom-[0-9a-f]+:strongroom$/);
    expect(result.permissions?.allowed.join('\n')).toContain('list');
    expect(progress).toEqual([
      'host:running',
      'host:pass',
      'cluster:running',
      'cluster:pass',
      'account:running',
      'account:pass',
    ]);
    const saved = await value('clusters:save', { draft: d });
    expect(saved.cluster).toMatchObject({ name: `it-${variant}`, hasToken: true, lastTest: { ok: true } });
    expect(JSON.stringify(await value('clusters:list', {}))).not.toContain(token);
  });

  it('namespaced: passes for the chosen namespace only', async () => {
    const target = cluster.uniqueName('team');
    await kubectl(['create', 'namespace', target]);
    cleanup.push(['delete', 'namespace', target, '--ignore-not-found']);
    const { token } = await applySetup('namespaced', { targetNamespaces: [target] });
    const result = await value('clusters:test', {
      draft: draft('it-namespaced', token, { variant: 'namespaced', includeNamespaces: [target] }),
    });
    expect(step(result, 'account')).toMatchObject({ status: 'pass' });
    expect(result.permissions?.allowed.join('\n')).toContain(`secrets in ${target}`);
  });

  it('the read-only token is really refused a write', async () => {
    const { token, saNamespace } = await applySetup('read-only');
    const kubeconfig = cluster.writeKubeconfig(token, 'read-only');
    const r = await cluster.kubectl(['-n', saNamespace, 'create', 'secret', 'generic', 'nope', '--from-literal=a=b'], {
      kubeconfig,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/forbidden/i);
  });

  it('a revoked token (its Secret deleted) fails the account step with the replace-token fix', async () => {
    const { token, saNamespace, setup } = await applySetup('read-only');
    const { cluster: saved } = await value('clusters:save', {
      draft: draft('it-revoked', token),
    });
    await kubectl(['-n', saNamespace, 'delete', 'secret', setup.serviceAccount.secretName]);
    let result: ConnectionTestResult | undefined;
    // Token caches on a real API server may accept it for a few seconds more.
    for (let i = 0; i < 30; i++) {
      result = await value('clusters:test', { id: saved.id });
      if (!result.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(step(result as ConnectionTestResult, 'cluster')).toMatchObject({ status: 'pass' });
    const account = step(result as ConnectionTestResult, 'account');
    expect(account).toMatchObject({ status: 'fail' });
    expect(account?.detail).toMatch(/wrong, expired, or revoked/);
    expect(account?.fix).toMatch(/apply the setup YAML again/);
    expect((await value('clusters:get', { id: saved.id })).lastTest?.ok).toBe(false);
  });

  it('a token without rights fails the account step and points at the setup YAML', async () => {
    const ns = cluster.uniqueName('norights');
    const file = path.join(dir, `${ns}.yaml`);
    const setup = await value('clusters:setupYaml', { variant: 'read-only', namespace: ns });
    // Only the Namespace, ServiceAccount and token Secret: no role binding.
    fs.writeFileSync(file, setup.yaml.split(/^---$/m).slice(0, 3).join('---'));
    cleanup.push(['delete', '-f', file, '--ignore-not-found']);
    await kubectl(['apply', '-f', file]);
    const token = await readToken(ns, setup.serviceAccount.secretName);
    const result = await value('clusters:test', { draft: draft('it-norights', token) });
    const account = step(result, 'account');
    expect(result.ok).toBe(false);
    expect(account).toMatchObject({ status: 'fail' });
    expect(account?.detail).toMatch(/may not list Secrets/);
    expect(account?.fix).toMatch(/setup YAML/);
    expect(result.permissions?.missing.join('\n')).toContain('secrets');
    await expect(app.call('clusters:save', { draft: draft('it-norights', token) })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/not saved/) },
    });
  });

  it('an admin token works but is warned about as more than Strongroom needs', async () => {
    if (!cluster.adminToken) return; // a real kubeconfig without a bearer token (exec, client cert)
    const result = await value('clusters:test', { draft: draft('it-admin', cluster.adminToken) });
    const account = step(result, 'account');
    expect(result.ok).toBe(true);
    expect(account).toMatchObject({ status: 'warn' });
    expect(account?.detail).toMatch(/More than Strongroom needs: every action on every resource \(cluster-admin\)/);
    expect(account?.fix).toMatch(/dedicated ServiceAccount/);
  });
});

describe('the account warning compares with the variant the user chose', () => {
  it('the read-write setup YAML (with access accounts) passes as read-write, with no admin warning', async () => {
    const { token } = await applySetup('read-write', { accessAccounts: ['view', 'edit', 'admin'] });
    const result = await value('clusters:test', { draft: draft('it-rw-fit', token, { variant: 'read-write' }) });
    expect(step(result, 'account')).toMatchObject({ status: 'pass' });
    expect(result.permissions).toMatchObject({ excessive: [], beyondVariant: [], missing: [] });
  });

  it('the read-write account tested as read-only is told to pick read-write, not called an admin account', async () => {
    const { token } = await applySetup('read-write');
    const result = await value('clusters:test', { draft: draft('it-rw-as-ro', token, { variant: 'read-only' }) });
    const account = step(result, 'account');
    expect(account).toMatchObject({ status: 'warn' });
    expect(account?.fix).not.toMatch(/admin account/);
    expect(account?.fix).toMatch(/choose the read-write variant/);
    expect(result.permissions?.excessive).toEqual([]);
    expect(result.permissions?.beyondVariant).toContain('update secrets');
  });

  it('the read-only account tested as read-write warns of what is missing, not of an admin account', async () => {
    const { token } = await applySetup('read-only');
    const result = await value('clusters:test', { draft: draft('it-ro-as-rw', token, { variant: 'read-write' }) });
    const account = step(result, 'account');
    expect(account).toMatchObject({ status: 'warn' });
    expect(account?.detail).toMatch(/Missing for the read-write setup: update, patch secrets/);
    expect(account?.fix).not.toMatch(/admin account/);
    expect(result.permissions).toMatchObject({ excessive: [], beyondVariant: [] });
  });
});
