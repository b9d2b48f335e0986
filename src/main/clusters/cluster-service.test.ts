// Cluster records: save only after a passing test or an audited "save anyway"; tokens never come back out.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCa } from '../../../test/support/test-pki';
import type { ClusterDraft, ConnectionTestResult } from '../../shared/clusters';
import type { AuditRecord } from '../audit/service';
import { FakeClock } from '../clock';
import { silentLogger } from '../log';
import { type AuditRecorder, ClusterService } from './cluster-service';
import type { ConnectionTarget } from './connection-test';
import { MemoryClusterRepo } from './repo';

let caPem = '';
beforeAll(async () => {
  caPem = (await makeCa('Service CA')).certPem;
});

function setup(pass: (t: ConnectionTarget) => boolean = () => true) {
  const events: AuditRecord[] = [];
  const audit: AuditRecorder = {
    record: (e) => void events.push(e),
    run: async (action, target, fn, details) => {
      try {
        const value = await fn();
        events.push({ action, target, outcome: 'ok', details });
        return value;
      } catch (error) {
        events.push({ action, target, outcome: 'internal', details });
        throw error;
      }
    },
  };
  const tested: ConnectionTarget[] = [];
  const clock = new FakeClock();
  const runTest = async (t: ConnectionTarget): Promise<ConnectionTestResult> => {
    tested.push(t);
    const ok = pass(t);
    return {
      ok,
      at: clock.now(),
      serverVersion: 'v1.32.0',
      steps: [{ step: 'host', status: ok ? 'pass' : 'fail', ms: 1, detail: ok ? 'fine' : 'refused' }],
    };
  };
  const resources = { count: () => 3, countSecrets: () => 12, remove: () => 3 };
  const service = new ClusterService({
    repo: new MemoryClusterRepo(),
    audit,
    clock,
    log: silentLogger(),
    runTest,
    resources,
  });
  return { service, events, tested, clock };
}

function draft(overrides: Partial<ClusterDraft> = {}): ClusterDraft {
  return { name: 'prod', server: 'https://api.prod.test:6443', caPem, token: 'tok-123\n', options: {}, ...overrides };
}

describe('ClusterService', () => {
  it('adds a cluster after a passing test and never returns the token', async () => {
    const { service, events } = setup();
    const { cluster } = await service.add(draft());
    expect(cluster).toMatchObject({ name: 'prod', hasToken: true, lastTest: { ok: true, serverVersion: 'v1.32.0' } });
    expect(JSON.stringify(service.list())).not.toContain('tok-123');
    expect(service.connection(cluster.id).token).toBe('tok-123');
    expect(events.map((e) => e.action)).toEqual(['cluster.test', 'cluster.add']);
    expect(events[0]).toMatchObject({ outcome: 'ok', details: { steps: { host: 'pass' } } });
    expect(events[1]?.details?.caFingerprints).toEqual([expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)]);
    expect(service.get(cluster.id).fetchedResources).toBe(3);
    expect(service.get(cluster.id).fetchedSecrets).toBe(12);
    expect(JSON.stringify(events)).not.toContain('tok-123');
  });

  it('reuses a recent passing test of the same facts instead of testing again', async () => {
    const { service, tested } = setup();
    await service.test({ draft: draft() });
    await service.add(draft());
    expect(tested).toHaveLength(1);
  });

  it('refuses to save after a failing test, and saves anyway when asked, audited', async () => {
    const { service, events } = setup(() => false);
    await expect(service.add(draft())).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringMatching(/not saved/),
    });
    expect(service.list()).toEqual([]);
    const { cluster } = await service.add(draft(), { saveAnyway: true });
    expect(cluster.lastTest?.ok).toBe(false);
    expect(events.map((e) => e.action)).toContain('cluster.save_anyway');
    expect(events.find((e) => e.action === 'cluster.test')?.outcome).toBe('unreachable');
  });

  it('stores only the certificates of the CA bundle, never a key pasted with them', async () => {
    const { service } = setup();
    const key =
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';
    const { cluster } = await service.add(draft({ caPem: `${caPem}${key}` }));
    expect(cluster.caPem).not.toContain('PRIVATE KEY');
    expect(cluster.caPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    expect(service.connection(cluster.id).caPem).toBe(cluster.caPem);
  });

  it('keeps names unique regardless of case', async () => {
    const { service } = setup();
    await service.add(draft());
    await expect(service.add(draft({ name: 'PROD' }))).rejects.toMatchObject({ code: 'already_exists' });
  });

  it('refuses a bad URL, an empty token and a damaged CA before any network call', async () => {
    const { service, tested } = setup();
    await expect(service.add(draft({ server: 'http://x' }))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(service.add(draft({ token: ' ' }))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(service.add(draft({ caPem: 'garbage that is not a cert' }))).rejects.toMatchObject({
      code: 'bad_file',
    });
    expect(tested).toEqual([]);
  });

  it('re-tests only when how the cluster is reached changes', async () => {
    const { service, tested } = setup();
    const { cluster } = await service.add(draft());
    await service.update(cluster.id, { name: 'prod-eu', options: { excludeNamespaces: ['kube-system'] } });
    expect(tested).toHaveLength(1);
    const { test } = await service.update(cluster.id, { token: 'tok-456' });
    expect(test?.ok).toBe(true);
    expect(tested).toHaveLength(2);
    expect(service.connection(cluster.id).token).toBe('tok-456');
    expect(service.get(cluster.id).options.excludeNamespaces).toEqual(['kube-system']);
  });

  it('records the last test of a saved cluster', async () => {
    const { service, clock } = setup();
    const { cluster } = await service.add(draft());
    clock.advance(60_000);
    await service.test({ id: cluster.id });
    expect(service.get(cluster.id).lastTest?.at).toBe(clock.now());
  });

  it('deletes and says whether fetched resources were kept or removed', async () => {
    const { service, events } = setup();
    const a = (await service.add(draft())).cluster;
    const b = (await service.add(draft({ name: 'dev' }))).cluster;
    const kept = await service.delete(a.id, 'keep');
    expect(kept).toMatchObject({ resources: 'kept', resourceCount: 3 });
    expect(kept.message).toMatch(/stay in the vault/);
    const removed = await service.delete(b.id, 'remove');
    expect(removed).toMatchObject({ resources: 'removed', resourceCount: 3 });
    expect(service.list()).toEqual([]);
    expect(events.filter((e) => e.action === 'cluster.delete')).toHaveLength(2);
    await expect(service.delete(a.id, 'keep')).rejects.toMatchObject({ code: 'not_found' });
  });
});
