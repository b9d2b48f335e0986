// The clusters channels end to end: fetch-and-confirm the CA, import a kubeconfig, save, edit, delete.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/main/app';
import type { TestCluster } from '../../support/cluster';
import { type ClusterAppHarness, clusterApp, PASSPHRASE } from './harness';

let cluster: TestCluster;
let app: App;
let h: ClusterAppHarness;
let value: ClusterAppHarness['value'];

beforeAll(async () => {
  h = await clusterApp();
  ({ cluster, app, value } = h);
});

afterAll(async () => {
  await h?.close();
});

describe('clusters channels', () => {
  it('fetches the server chain untrusted, and its CA fingerprint matches the CA file', async () => {
    const fetched = await value('clusters:fetchServerChain', { server: cluster.server });
    const fromFile = await value('clusters:parseCertificate', {
      content: Buffer.from(cluster.caPem).toString('base64'),
      encoding: 'base64',
    });
    const caFingerprint = fromFile.certs[0]?.fingerprintSha256;
    if (!fetched.certs.some((c) => c.fingerprintSha256 === caFingerprint)) {
      // Most API servers send only their serving certificate: it must name the CA as issuer, with a warning.
      expect(fetched.certs[0]?.issuer).toBe(fromFile.certs[0]?.subject);
      expect(fetched.warnings.map((w) => w.code)).toContain('not_ca');
    }
    if (cluster.sandbox) expect(caFingerprint).toBe(cluster.sandbox.caFingerprintSha256);
  });

  it('refuses a private key given as the CA with a clear message', async () => {
    const key =
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';
    expect(await app.call('clusters:parseCertificate', { content: key })).toMatchObject({
      ok: false,
      error: { code: 'bad_file', message: expect.stringMatching(/private key, not a certificate/) },
    });
  });

  it('imports a token context from a kubeconfig, tests and saves it, edits and deletes it', async () => {
    if (!cluster.adminToken) return; // a real kubeconfig whose user is not a token
    const content = fs.readFileSync(cluster.writeKubeconfig(cluster.adminToken, 'import'), 'utf8');
    const summary = await value('clusters:parseKubeconfig', { content });
    expect(summary.contexts[0]).toMatchObject({ userKind: 'token', importable: true, server: cluster.server });
    expect(JSON.stringify(summary)).not.toContain(cluster.adminToken);
    const { draft } = await value('clusters:importKubeconfig', { content });
    const test = await value('clusters:test', { draft });
    expect(test.ok).toBe(true);
    const { cluster: saved } = await value('clusters:save', {
      draft: { ...draft, name: 'imported' },
    });
    expect(saved).not.toHaveProperty('token');

    const edited = await value('clusters:update', {
      id: saved.id,
      patch: { name: 'imported-2', options: { excludeNamespaces: ['kube-system'], timeoutMs: 5000 } },
    });
    expect(edited.test).toBeNull();
    expect(edited.cluster).toMatchObject({
      name: 'imported-2',
      options: { excludeNamespaces: ['kube-system'], timeoutMs: 5000 },
    });

    const broken = await app.call('clusters:update', { id: saved.id, patch: { token: 'not-a-valid-token' } });
    expect(broken).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringMatching(/not saved/) },
    });
    expect((await value('clusters:get', { id: saved.id })).lastTest?.ok).toBe(true);

    const deleted = await value('clusters:delete', { id: saved.id });
    expect(deleted).toMatchObject({ resources: 'kept', name: 'imported-2' });
    expect(await value('clusters:list', {})).toEqual([]);
    const actions = (await value('audit:list', {})).events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['cluster.add', 'cluster.update', 'cluster.delete']));
  });

  it('answers vault_locked while the vault is locked', async () => {
    await value('vault:lock', {});
    expect(await app.call('clusters:list', {})).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
    await value('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
  });
});
