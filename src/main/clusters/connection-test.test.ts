// Connection test against real loopback servers: each failure mode is produced for real and mapped to its fix.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../../test/support/clusters-helpers';
import { DAYS, makeCa, makeLeaf, type TestCa } from '../../../test/support/test-pki';
import type { ConnectionStepResult } from '../../shared/clusters';
import { type ConnectionTarget, runConnectionTest } from './connection-test';

const servers: https.Server[] = [];
let ca: TestCa;
let otherCa: TestCa;
let good: string;
let expired: string;
let wrongSan: string;

/** A tiny HTTPS server: /version answers, every other call says the token is not accepted. */
async function serve(cert: string, key: string): Promise<string> {
  const server = https.createServer({ cert, key }, (req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/version')) {
      res.end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' }));
      return;
    }
    res.statusCode = 401;
    res.end(
      JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', code: 401 }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

beforeAll(async () => {
  ca = await makeCa('Cluster CA');
  otherCa = await makeCa('Someone else');
  const ok = await makeLeaf(ca);
  const old = await makeLeaf(ca, {
    notBefore: new Date(Date.now() - 30 * DAYS),
    notAfter: new Date(Date.now() - DAYS),
  });
  const elsewhere = await makeLeaf(ca, { dns: ['api.elsewhere.test'], ips: ['10.9.9.9'] });
  good = await serve(ok.certPem, ok.keyPem);
  expired = await serve(old.certPem, old.keyPem);
  wrongSan = await serve(elsewhere.certPem, elsewhere.keyPem);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

function target(server: string, overrides: Partial<ConnectionTarget> = {}): ConnectionTarget {
  return {
    server,
    caPem: ca.certPem,
    token: 'not-a-real-token',
    timeoutMs: 3000,
    variant: 'read-only',
    includeNamespaces: [],
    ...overrides,
  };
}

async function run(t: ConnectionTarget) {
  const progress: ConnectionStepResult[] = [];
  const result = await runConnectionTest(t, { now: () => 1, onProgress: (s) => progress.push(s) });
  const byStep = Object.fromEntries(result.steps.map((s) => [s.step, s]));
  return { result, progress, ...byStep } as typeof byStep & { result: typeof result; progress: ConnectionStepResult[] };
}

describe('runConnectionTest', () => {
  it('passes host and cluster, shows the version, and fails the account on a rejected token', async () => {
    const { result, host, cluster, account, progress } = await run(target(good));
    expect(host).toMatchObject({ status: 'pass' });
    expect(cluster).toMatchObject({ status: 'pass' });
    expect(cluster?.detail).toContain('v1.32.4');
    expect(result.serverVersion).toBe('v1.32.4');
    expect(account).toMatchObject({ status: 'fail', code: 'unauthorized' });
    expect(account?.detail).toMatch(/wrong, expired, or revoked/);
    expect(account?.fix).toMatch(/Print the token again/);
    expect(result.ok).toBe(false);
    expect(progress.map((p) => `${p.step}:${p.status}`)).toEqual([
      'host:running',
      'host:pass',
      'cluster:running',
      'cluster:pass',
      'account:running',
      'account:fail',
    ]);
  });

  it('says nothing listens on a closed port, and skips the later steps', async () => {
    const { host, cluster, account } = await run(target(`https://127.0.0.1:${await closedPort()}`));
    expect(host).toMatchObject({ status: 'fail', code: 'unreachable' });
    expect(host?.detail).toMatch(/refused/);
    expect(host?.fix).toMatch(/port/);
    expect([cluster?.status, account?.status]).toEqual(['skipped', 'skipped']);
  });

  it('says a name that does not resolve has no DNS record', async () => {
    const { host } = await run(target('https://api.strongroom.invalid:6443'));
    expect(host).toMatchObject({ status: 'fail' });
    expect(host?.detail).toMatch(/does not resolve/);
    expect(host?.fix).toMatch(/typos|VPN/);
  });

  it('refuses a server whose certificate comes from another CA', async () => {
    const { cluster } = await run(target(good, { caPem: otherCa.certPem }));
    expect(cluster).toMatchObject({ status: 'fail' });
    expect(cluster?.detail).toMatch(/not issued by the trusted CA/);
    expect(cluster?.fix).toMatch(/fingerprint/);
  });

  it('refuses an expired server certificate', async () => {
    const { cluster } = await run(target(expired));
    expect(cluster).toMatchObject({ status: 'fail', code: 'expired' });
    expect(cluster?.detail).toMatch(/expired/);
    expect(cluster?.fix).toMatch(/renew/);
  });

  it('refuses a certificate issued for another name, and accepts it with the TLS server name override', async () => {
    const { cluster } = await run(target(wrongSan));
    expect(cluster).toMatchObject({ status: 'fail' });
    expect(cluster?.detail).toMatch(/not valid for "127.0.0.1"/);
    expect(cluster?.fix).toMatch(/TLS server name/);
    const overridden = await run(target(wrongSan, { tlsServerName: 'api.elsewhere.test' }));
    expect(overridden.cluster).toMatchObject({ status: 'pass' });
  });

  it('fails the cluster step when no CA is trusted yet', async () => {
    const { cluster } = await run(target(good, { caPem: '' }));
    expect(cluster?.detail).toMatch(/No trusted CA/);
  });

  it('honours the request timeout when a server accepts the connection but never answers', async () => {
    // Reads and drops what arrives, so it notices the client hanging up.
    const silent = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = performance.now();
      const { cluster } = await run(
        target(`https://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, { timeoutMs: 800 }),
      );
      expect(cluster).toMatchObject({ status: 'fail', code: 'timeout' });
      expect(cluster?.detail).toMatch(/did not answer within 1 s/);
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('reaches the server through an HTTP CONNECT proxy when one is set', async () => {
    const tunnels: string[] = [];
    const proxy = http.createServer();
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
      const { host, cluster, result } = await run(target(good, { proxyUrl }));
      expect(host?.detail).toContain(`port ${(proxy.address() as net.AddressInfo).port}`);
      expect(cluster).toMatchObject({ status: 'pass' });
      expect(result.serverVersion).toBe('v1.32.4');
      expect(tunnels).toContain(good.replace('https://', ''));
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
