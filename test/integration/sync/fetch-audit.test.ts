// Fetch is audited as it runs: a start event, and one event per batch in the batch's own transaction, so a kill -9 leaves nothing unaccounted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../src/main/vault/db';
import type { AuditEvent } from '../../../src/shared/ipc/audit';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { testClusterId } from '../../support/ids';
import { cliOk, killWhileWriting, openUnlocked } from './cli-child';
import { kubectlOk, type SyncHarness, syncHarness } from './harness';

const PASS = 'fetch audit passphrase';
let cluster: TestCluster;
let dir: string;
/** The first KILL_NS hold 20 Secrets each (the kill test); all WIDE_NS make fetch take one cluster-wide list. */
const KILL_NS = 8;
const WIDE_NS = 20;
const namespaces: string[] = [];

beforeAll(async () => {
  cluster = await getTestCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-fetch-audit-'));
  for (let i = 0; i < WIDE_NS; i++) {
    const ns = cluster.uniqueName(`faud${i}`);
    namespaces.push(ns);
    await kubectlOk(cluster, ['create', 'namespace', ns]);
    const docs = Array.from({ length: i < KILL_NS ? 20 : 2 }, (_, j) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `s-${j}`, namespace: ns },
        data: { v: Buffer.from(`value ${j}`).toString('base64') },
      }),
    );
    await kubectlOk(cluster, ['apply', '-f', '-'], docs.join('\n'));
  }
  if (!cluster.adminToken) throw new Error('this test needs a token-based kubeconfig');
  await cliOk(dir, PASS, ['init', '--no-keychain']);
  const kubeconfig = cluster.writeKubeconfig(cluster.adminToken, 'faud');
  await cliOk(dir, PASS, ['cluster', 'import-kubeconfig', kubeconfig, '--name', 'faud']);
}, 300_000);

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ...namespaces, '--wait=false']);
  await cluster?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Stored Secret versions per namespace of a cluster: what the vault holds, whoever wrote it. */
function storedPerNamespace(db: WritableDB, clusterId: string): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT r.namespace AS ns, count(v.id) AS n FROM resources r JOIN accounts a ON a.resource_id = r.id
       JOIN secret_versions v ON v.account_id = a.id WHERE r.cluster_id = ? GROUP BY r.namespace`,
    )
    .all(clusterId) as { ns: string; n: number }[];
  return new Map(rows.map((r) => [r.ns, r.n]));
}

type BatchDetails = { jobId: string; namespaces: { namespace: string; added: number; changed: number }[] };

/** Secrets added or changed per namespace, as the committed batch events of the fetch jobs say. */
function auditedPerNamespace(events: AuditEvent[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events.filter((e) => e.action === 'sync.fetch_batch')) {
    for (const n of (e.details as BatchDetails).namespaces)
      out.set(n.namespace, (out.get(n.namespace) ?? 0) + n.added + n.changed);
  }
  return out;
}

it('kill -9 mid-fetch: every committed Secret is covered by a committed audit event, and the chain verifies', async () => {
  cluster.sandbox?.faults.set({ latencyMs: 250 });
  // Past the job's own bookkeeping (its journal and start event): the kill lands among the namespace commits.
  const args = ['fetch', 'faud', ...namespaces.slice(0, KILL_NS).flatMap((ns) => ['--namespace', ns])];
  await killWhileWriting(dir, PASS, args, 256 * 1024);
  cluster.sandbox?.faults.reset();

  const { app, call } = await openUnlocked(dir, PASS);
  try {
    const clusterId = (await call('clusters:list', {}))[0]?.id ?? '';
    const events = (await call('audit:list', { limit: 1000 })).events;
    const started = events.filter((e) => e.action === 'sync.fetch_started');
    expect(started).toHaveLength(1);
    const jobId = started[0]?.details.jobId;
    const batches = events.filter((e) => e.action === 'sync.fetch_batch');
    expect(batches.every((e) => (e.details as BatchDetails).jobId === jobId)).toBe(true);

    const stored = storedPerNamespace(app.vault.db(), clusterId);
    expect(auditedPerNamespace(events)).toEqual(stored);
    if (cluster.isSandbox) {
      // With the sandbox's latency the kill lands mid-run: some namespaces were committed, some not.
      expect(stored.size).toBeGreaterThan(0);
      expect(stored.size).toBeLessThan(KILL_NS);
      expect(events.map((e) => e.action)).not.toContain('sync.fetch');
    }
    expect(await call('audit:verify', {})).toMatchObject({ ok: true });
  } finally {
    await app.close();
  }
}, 300_000);

describe('in-process fetch', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await syncHarness(cluster);
  });
  afterAll(() => h?.dispose());

  it('a batch whose audit event cannot be written is not committed either, per namespace and cluster-wide', async () => {
    const db = h.fx.vault.db();
    db.exec(`CREATE TEMP TRIGGER refuse_batch BEFORE INSERT ON main.audit_events WHEN NEW.action = 'sync.fetch_batch'
             BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
    try {
      for (const picked of [namespaces.slice(0, 2), namespaces]) {
        const report = await h.sync.fetch({ clusterId: testClusterId('c1'), namespaces: picked });
        expect(report.totals.failed).toBe(picked.length);
        expect(storedPerNamespace(db, 'c1').size).toBe(0);
      }
    } finally {
      db.exec('DROP TRIGGER refuse_batch');
    }
  }, 300_000);

  it('a cluster-wide fetch records its start, its batches (names and counts, no values) and its end', async () => {
    const report = await h.sync.fetch({ clusterId: testClusterId('c1'), namespaces });
    expect(report.totals.failed).toBe(0);
    const events = h.fx.audit.list({ limit: 1000 }).events.reverse();
    const job = events.filter((e) => (e.details as { jobId?: string }).jobId === report.jobId).map((e) => e.action);
    expect(job[0]).toBe('sync.fetch_started');
    expect(job.at(-1)).toBe('sync.fetch');
    expect(job.slice(1, -1).every((a) => a === 'sync.fetch_batch')).toBe(true);
    expect(auditedPerNamespace(events)).toEqual(storedPerNamespace(h.fx.vault.db(), 'c1'));
    expect(JSON.stringify(events)).not.toMatch(/value \d/);
    expect(h.fx.audit.verify()).toMatchObject({ ok: true });
  }, 300_000);

  it('a sync resumed from a watch records what it changed in its transaction, and an idle one records no batch', async () => {
    const batchesOf = (jobId: string) =>
      h.fx.audit
        .list({ action: 'sync.sync_batch', limit: 1000 })
        .events.filter((e) => (e.details as BatchDetails).jobId === jobId);
    const listed = await h.sync.sync({ clusterId: testClusterId('c1') }); // records the version a later sync resumes from
    expect(listed.totals.failed).toBe(0);
    const target = namespaces[0] ?? '';
    await kubectlOk(cluster, ['create', 'secret', 'generic', 'late', '-n', target, '--from-literal=k=v']);
    const resumed = await h.sync.sync({ clusterId: testClusterId('c1') });
    expect(resumed.via).toBe('watch');
    expect(batchesOf(resumed.jobId).map((e) => e.details.namespaces)).toEqual([
      [{ namespace: target, added: 1, changed: 0, deleted: 0 }],
    ]);
    const idle = await h.sync.sync({ clusterId: testClusterId('c1') });
    expect(batchesOf(idle.jobId)).toEqual([]);
    expect(h.fx.audit.verify()).toMatchObject({ ok: true });
  }, 300_000);
});
