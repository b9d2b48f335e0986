// The sync engine against a fake cluster: each namespace committed whole or not at all, with added/changed/deleted/unchanged counts.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import type { NamespaceReport } from '../../shared/ipc/sync';
import type { RawSecret, SecretMeta } from '../kube/secret-types';
import type { KubeSecrets } from '../kube/secrets';
import { silentLogger } from '../log';
import * as repo from '../resources/repo';
import { SyncEngine } from './engine';
import { JobAudit } from './job-audit';
import type { RunContext, Target } from './run-context';

const CLUSTER = { id: 'c-engine', name: 'engine', includeNamespaces: [], excludeNamespaces: [] };

/** An in-memory cluster: Secrets per namespace, each write bumping a global resourceVersion. */
class FakeCluster {
  private rv = 100;
  readonly data = new Map<string, Map<string, RawSecret>>();
  onEachPage: () => void = () => undefined;

  put(namespace: string, name: string, value: string): void {
    const ns = this.data.get(namespace) ?? new Map<string, RawSecret>();
    this.rv++;
    ns.set(name, {
      metadata: { name, namespace, uid: `${namespace}/${name}`, resourceVersion: String(this.rv) },
      type: 'Opaque',
      data: { v: Buffer.from(value).toString('base64') },
    });
    this.data.set(namespace, ns);
  }

  remove(namespace: string, name: string): void {
    this.data.get(namespace)?.delete(name);
    this.rv++;
  }

  private list(namespace: string): RawSecret[] {
    return [...(this.data.get(namespace)?.values() ?? [])];
  }

  /** The subset of KubeSecrets the engine calls for per-namespace runs. */
  client(): KubeSecrets {
    const fake = {
      secrets: async (namespace: string) => ({ items: this.list(namespace), resourceVersion: String(this.rv) }),
      secretMeta: async (namespace: string) => ({
        items: this.list(namespace).map((s): SecretMeta => ({ metadata: s.metadata ?? {}, type: undefined })),
        resourceVersion: String(this.rv),
      }),
      secret: async (namespace: string, name: string) => this.data.get(namespace)?.get(name),
      currentResourceVersion: async () => String(this.rv),
      // The cluster-wide list, two Secrets a page; `onEachPage` sees the vault as each page is handed on.
      eachSecretPage: async (
        _signal: AbortSignal,
        onPage: (items: RawSecret[], remaining: number, rv: string) => void,
      ) => {
        const all = [...this.data.keys()].sort().flatMap((ns) => this.list(ns));
        for (let i = 0; i < all.length; i += 2) {
          this.onEachPage();
          onPage(all.slice(i, i + 2), Math.max(0, all.length - i - 2), String(this.rv));
        }
      },
    };
    return fake as unknown as KubeSecrets;
  }
}

/** Fails the commit of one namespace, inside its transaction, as a crash mid-write would. */
class FailingAudit extends JobAudit {
  constructor(
    fx: VaultFixture,
    private readonly failOn: string,
  ) {
    super(fx.audit, 'sync.fetch', `cluster ${CLUSTER.id}`, { jobId: 'j1', trigger: 'manual' });
  }

  override committed(reports: readonly NamespaceReport[]): void {
    if (reports.some((r) => r.namespace === this.failOn)) throw new Error('disk full while committing');
    super.committed(reports);
  }
}

let fx: VaultFixture;
let cluster: FakeCluster;
let engine: SyncEngine;

beforeEach(async () => {
  fx = vaultFixture();
  await fx.vault.init({ passphrase: 'engine test passphrase', useKeychain: false });
  cluster = new FakeCluster();
  engine = new SyncEngine(fx.vault, fx.clock, silentLogger());
});
afterEach(() => fx.dispose());

function ctx(kind: 'fetch' | 'sync', audit?: JobAudit): RunContext {
  const action = kind === 'fetch' ? 'sync.fetch' : 'sync.sync';
  return {
    jobId: 'j1',
    kind,
    trigger: 'manual',
    cluster: CLUSTER,
    kube: cluster.client(),
    signal: new AbortController().signal,
    onProgress: () => undefined,
    audit: audit ?? new JobAudit(fx.audit, action, `cluster ${CLUSTER.id}`, { jobId: 'j1', trigger: 'manual' }),
  };
}

function targets(...namespaces: string[]): Target[] {
  return namespaces.map((namespace) => ({ namespace, scope: 'namespace', showHidden: false }));
}

/** Names of present accounts per namespace, as the vault holds them. */
function stored(namespace: string): string[] {
  const resource = repo.resourceFor(fx.vault.db(), CLUSTER.id, namespace);
  if (!resource) return [];
  return [...repo.accountIndex(fx.vault.db(), resource.id).values()]
    .filter((a) => a.state === 'present')
    .map((a) => a.name)
    .sort();
}

function counts(r: NamespaceReport | undefined) {
  return r && { outcome: r.outcome, added: r.added, changed: r.changed, deleted: r.deleted, unchanged: r.unchanged };
}

it('fetch plans and commits each namespace and counts what it added', async () => {
  cluster.put('a', 'one', '1');
  cluster.put('a', 'two', '2');
  cluster.put('b', 'three', '3');
  const report = await engine.run(ctx('fetch'), targets('a', 'b', 'empty'), false);
  expect(report.namespaces.map(counts)).toEqual([
    { outcome: 'ok', added: 2, changed: 0, deleted: 0, unchanged: 0 },
    { outcome: 'ok', added: 1, changed: 0, deleted: 0, unchanged: 0 },
    { outcome: 'ok', added: 0, changed: 0, deleted: 0, unchanged: 0 },
  ]);
  expect(report.totals).toMatchObject({ added: 3, changed: 0, deleted: 0, unchanged: 0, failed: 0 });
  expect(stored('a')).toEqual(['one', 'two']);
  expect(stored('b')).toEqual(['three']);
});

it('sync counts changed, deleted and unchanged Secrets, and an untouched namespace as unchanged', async () => {
  cluster.put('a', 'keep', 'k');
  cluster.put('a', 'edit', 'e1');
  cluster.put('a', 'gone', 'g');
  cluster.put('b', 'still', 's');
  await engine.run(ctx('fetch'), targets('a', 'b'), false);
  cluster.put('a', 'edit', 'e2');
  cluster.remove('a', 'gone');
  cluster.put('a', 'new', 'n');
  const report = await engine.run(ctx('sync'), targets('a', 'b'), false);
  expect(report.namespaces.map(counts)).toEqual([
    { outcome: 'ok', added: 1, changed: 1, deleted: 1, unchanged: 1 },
    { outcome: 'unchanged', added: 0, changed: 0, deleted: 0, unchanged: 1 },
  ]);
  expect(stored('a')).toEqual(['edit', 'keep', 'new']);
  expect(stored('b')).toEqual(['still']);
});

it('a namespace whose commit fails leaves nothing of it in the vault, and the others commit whole', async () => {
  cluster.put('a', 'one', '1');
  cluster.put('bad', 'x', 'x');
  cluster.put('bad', 'y', 'y');
  const report = await engine.run(ctx('fetch', new FailingAudit(fx, 'bad')), targets('a', 'bad'), false);
  expect(report.namespaces.map((r) => [r.namespace, r.outcome, r.failed])).toEqual([
    ['a', 'ok', 0],
    ['bad', 'failed', 1],
  ]);
  expect(report.namespaces[1]?.error?.code).toBe('internal');
  expect(stored('a')).toEqual(['one']);
  expect(repo.resourceFor(fx.vault.db(), CLUSTER.id, 'bad')).toBeUndefined();
});

it('a failed sync of a namespace keeps its earlier state whole', async () => {
  cluster.put('bad', 'x', 'x1');
  cluster.put('bad', 'y', 'y');
  await engine.run(ctx('fetch'), targets('bad'), false);
  const fetchedRv = cluster.data.get('bad')?.get('x')?.metadata?.resourceVersion;
  cluster.put('bad', 'x', 'x2');
  cluster.remove('bad', 'y');
  cluster.put('bad', 'z', 'z');
  const failing = new FailingAudit(fx, 'bad');
  const report = await engine.run(ctx('sync', failing), targets('bad'), false);
  expect(counts(report.namespaces[0])).toMatchObject({ outcome: 'failed', added: 0, changed: 0, deleted: 0 });
  expect(stored('bad')).toEqual(['x', 'y']);
  const resource = repo.resourceFor(fx.vault.db(), CLUSTER.id, 'bad');
  const x = resource && repo.accountIndex(fx.vault.db(), resource.id).get('x');
  expect(x?.resource_version).toBe(fetchedRv);
  expect(fetchedRv).not.toBe(cluster.data.get('bad')?.get('x')?.metadata?.resourceVersion);
});

it('a cluster-wide fetch writes through a rollback journal (each page encrypted once) and leaves the vault in WAL mode', async () => {
  for (const ns of ['a', 'b', 'c']) for (const name of ['one', 'two', 'three']) cluster.put(ns, name, `${ns}-${name}`);
  const modes = new Set<string>();
  cluster.onEachPage = () => modes.add(String(fx.vault.db().pragma('journal_mode', { simple: true })));
  const report = await engine.run(ctx('fetch'), targets('a', 'b', 'c'), true);
  expect(report.totals).toMatchObject({ added: 9, failed: 0 });
  expect(modes).toEqual(new Set(['delete']));
  expect(fx.vault.db().pragma('journal_mode', { simple: true })).toBe('wal');
  expect(stored('c')).toEqual(['one', 'three', 'two']);
});

it('with another connection reading the vault, a cluster-wide fetch stays in WAL mode and still commits', async () => {
  for (const ns of ['a', 'b']) for (const name of ['one', 'two']) cluster.put(ns, name, `${ns}-${name}`);
  const other = fx.reopen();
  await other.vault.unlock({ method: 'passphrase', passphrase: 'engine test passphrase' });
  const reader = other.vault.db();
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM accounts').get();
  const modes = new Set<string>();
  cluster.onEachPage = () => modes.add(String(fx.vault.db().pragma('journal_mode', { simple: true })));
  try {
    const report = await engine.run(ctx('fetch'), targets('a', 'b'), true);
    expect(report.totals).toMatchObject({ added: 4, failed: 0 });
  } finally {
    reader.exec('COMMIT');
  }
  expect(modes).toEqual(new Set(['wal']));
  expect(stored('b')).toEqual(['one', 'two']);
  expect(reader.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(4);
});

it('another connection left open and idle (the app beside a CLI fetch) reads what a cluster-wide fetch wrote', async () => {
  for (const ns of ['a', 'b']) for (const name of ['one', 'two']) cluster.put(ns, name, `${ns}-${name}`);
  const other = fx.reopen();
  await other.vault.unlock({ method: 'passphrase', passphrase: 'engine test passphrase' });
  const idle = other.vault.db();
  expect(idle.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
  const report = await engine.run(ctx('fetch'), targets('a', 'b'), true);
  expect(report.totals).toMatchObject({ added: 4, failed: 0 });
  expect(idle.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(4);
  idle.prepare("UPDATE accounts SET name = name || '-renamed' WHERE name = 'one'").run();
  expect(stored('a')).toEqual(['one-renamed', 'two']);
  expect(fx.vault.db().pragma('journal_mode', { simple: true })).toBe('wal');
});
