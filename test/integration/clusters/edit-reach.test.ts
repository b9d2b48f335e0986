// Editing how a cluster is reached, over IPC: the gateway proxy's password never leaves main, and "Test connection" tests the form's URL, CA and gateway without saving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ClusterId,
  ClusterOptionsPatch,
  ClusterSummary,
  ConnectionTestResult,
} from '../../../src/shared/clusters';
import { closedPort } from '../../support/clusters-helpers';
import { type ConnectProxy, startConnectProxy } from '../../support/connect-proxy';
import { makeCa } from '../../support/test-pki';
import { type ClusterAppHarness, clusterApp } from './harness';

const USER = 'gw-operator';
const PASSWORD = 'pa@ss:w/rd-9x';

let h: ClusterAppHarness;
let proxy: ConnectProxy;

beforeAll(async () => {
  h = await clusterApp();
  proxy = await startConnectProxy({ user: USER, password: PASSWORD });
});

afterAll(async () => {
  proxy?.close();
  await h?.close();
});

async function save(name: string, options: ClusterOptionsPatch = {}): Promise<ClusterSummary> {
  const token = h.cluster.adminToken;
  if (!token) throw new Error('this test needs a token-based kubeconfig');
  const draft = { name, server: h.cluster.server, caPem: h.cluster.caPem, token, options };
  const saved = await h.value('clusters:save', { draft });
  expect(saved.test.ok).toBe(true);
  return saved.cluster;
}

function failed(result: ConnectionTestResult) {
  return result.steps.find((s) => s.status === 'fail');
}

/** Every IPC answer about the cluster, as text: none may hold the proxy's password. */
async function everythingSaidAbout(id: ClusterId): Promise<string> {
  return JSON.stringify([await h.value('clusters:list', {}), await h.value('clusters:get', { id })]);
}

describe('an HTTP CONNECT gateway with a user and password', () => {
  it('is never sent to the renderer: host:port and "has credentials"; an edit keeps them unless new ones are typed', async () => {
    const withCredentials = `http://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${proxy.port}`;
    const added = await h.value('clusters:save', {
      draft: {
        name: 'behind-auth-proxy',
        server: h.cluster.server,
        caPem: h.cluster.caPem,
        token: h.cluster.adminToken ?? '',
        options: { gateway: { kind: 'http-connect', url: withCredentials } },
      },
    });
    expect(added.test.ok).toBe(true);
    const id = added.cluster.id;
    for (const said of [JSON.stringify(added), await everythingSaidAbout(id)]) {
      expect(said).not.toContain(encodeURIComponent(PASSWORD));
      expect(said).not.toContain(PASSWORD);
      expect(said).not.toContain(`${USER}:`);
    }
    const gateway = (await h.value('clusters:get', { id })).options.gateway;
    expect(gateway).toEqual({ kind: 'http-connect', url: proxy.url, hasCredentials: true });

    // The edit form sends the gateway back as it got it: the stored user and password stay, so nothing to re-test.
    const edited = await h.value('clusters:update', { id, patch: { options: { timeoutMs: 20_000, gateway } } });
    expect(edited.test).toBeNull();
    expect(JSON.stringify(edited)).not.toContain(USER);
    const seen = proxy.seen.length;
    expect((await h.value('clusters:test', { id })).ok).toBe(true);
    expect(proxy.seen.length).toBeGreaterThan(seen);

    // Without them (the box unticked) the proxy refuses, and with wrong ones typed too; the stored cluster stays.
    const bare = await h.value('clusters:test', { id, options: { gateway: { kind: 'http-connect', url: proxy.url } } });
    expect(failed(bare)?.code).toBe('unauthorized');
    const typed = `http://${USER}:wrong@127.0.0.1:${proxy.port}`;
    const wrong = await h.value('clusters:test', {
      id,
      options: { gateway: { kind: 'http-connect', url: typed, hasCredentials: true } },
    });
    expect(failed(wrong)?.code).toBe('unauthorized');
    expect((await h.value('clusters:test', { id })).ok).toBe(true);
  }, 120_000);
});

describe('a proxy URL with a user and password', () => {
  it('is never sent to the renderer either, and an edit that sends it back keeps them', async () => {
    const withCredentials = `http://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${proxy.port}`;
    const { id } = await save('behind-auth-proxy-url', { proxyUrl: withCredentials });
    const said = await everythingSaidAbout(id);
    expect(said).not.toContain(encodeURIComponent(PASSWORD));
    expect(said).not.toContain(`${USER}:`);
    const { options } = await h.value('clusters:get', { id });
    expect(options).toMatchObject({ proxyUrl: proxy.url, proxyHasCredentials: true });
    const edited = await h.value('clusters:update', { id, patch: { options: { ...options, timeoutMs: 20_000 } } });
    expect(edited.test).toBeNull();
    expect((await h.value('clusters:test', { id })).ok).toBe(true);
    const bare = await h.value('clusters:test', { id, options: { proxyUrl: proxy.url } });
    expect(bare.ok).toBe(false);
  }, 120_000);
});

describe('"Test connection" of an edit', () => {
  it('tests the edited URL and CA as the form holds them, without saving or touching the stored cluster', async () => {
    const cluster = await save('edit-reach');
    const id = cluster.id;
    const stored = await h.value('clusters:get', { id });

    const unreachable = `https://127.0.0.1:${await closedPort()}`;
    const down = await h.value('clusters:test', { id, server: unreachable });
    expect(down.ok).toBe(false);
    expect(failed(down)).toMatchObject({ step: 'host', code: 'unreachable' });
    expect(await h.value('clusters:get', { id })).toEqual(stored);

    const back = await h.value('clusters:test', { id, server: h.cluster.server });
    expect(back.ok).toBe(true);
    expect(await h.value('clusters:get', { id })).toEqual(stored);

    const otherCa = await makeCa('Not the cluster CA');
    const untrusted = await h.value('clusters:test', { id, server: h.cluster.server, caPem: otherCa.certPem });
    expect(untrusted.ok).toBe(false);
    expect(failed(untrusted)?.code).toBe('tls');
    expect(await h.value('clusters:get', { id })).toEqual(stored);
    expect((await h.value('clusters:test', { id, caPem: h.cluster.caPem })).ok).toBe(true);
  }, 120_000);
});
