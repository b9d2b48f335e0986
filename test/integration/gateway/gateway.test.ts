// Gateways against real servers: Debian's sshd on loopback (throwaway host and user keys) and a small HTTP CONNECT proxy, in front of the test cluster.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Agent, type Dispatcher, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionProxy } from '../../../src/main/access/proxy';
import { createSessionCert } from '../../../src/main/access/session-cert';
import { createApp } from '../../../src/main/app';
import { systemClock } from '../../../src/main/clock';
import type { Gateway } from '../../../src/main/kube/gateway';
import { gatewayConnector } from '../../../src/main/kube/gateway-connector';
import { httpConnectGateway } from '../../../src/main/kube/gateway-http';
import { openSshTunnel, type SshTunnel } from '../../../src/main/kube/gateway-ssh';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { valueCall } from '../../support/app-call';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { closedPort } from '../../support/clusters-helpers';
import { startConnectProxy } from '../../support/connect-proxy';

const SSHD = '/usr/sbin/sshd';
let cluster: TestCluster;
let dir: string;
let sshd: ChildProcess | undefined;
let sshPort: number;
let userKey: string;
let knownHosts: string;
let sshdLog = '';
const user = os.userInfo().username;

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not listen on ${port}`);
}

/** An undici Agent whose connections go through `gateway`, TLS checked against the cluster's CA, as the session proxy's are. */
function through(gateway: Gateway): Agent {
  return new Agent({ connect: gatewayConnector(gateway, { ca: cluster.caPem || undefined }) });
}

/** GET /version through a dispatcher; resolves with the status code. */
async function version(dispatcher: Dispatcher): Promise<number> {
  const res = await request(new URL('/version', cluster.server), {
    dispatcher,
    headers: { authorization: `Bearer ${cluster.adminToken}` },
  });
  await res.body.dump();
  return res.statusCode;
}

beforeAll(async () => {
  cluster = await getTestCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-sshd-'));
  if (!fs.existsSync(SSHD)) return;
  keygen(path.join(dir, 'host'));
  keygen(path.join(dir, 'user'));
  userKey = fs.readFileSync(path.join(dir, 'user'), 'utf8');
  fs.copyFileSync(path.join(dir, 'user.pub'), path.join(dir, 'authorized_keys'));
  sshPort = await closedPort();
  const hostPub = fs.readFileSync(path.join(dir, 'host.pub'), 'utf8').trim().split(' ');
  knownHosts = `[127.0.0.1]:${sshPort} ${hostPub[0]} ${hostPub[1]}\n`;
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${sshPort}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding yes',
      'StrictModes no',
      'UsePAM no',
      // DEBUG1 logs each forwarded channel's target, so a test can see its traffic went through the jump host.
      'LogLevel DEBUG1',
      '',
    ].join('\n'),
  );
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  sshd = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  sshd.stderr?.on('data', (d: Buffer) => {
    sshdLog += d.toString();
  });
  await waitForPort(sshPort);
}, 60_000);

afterAll(async () => {
  sshd?.kill();
  await cluster?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!fs.existsSync(SSHD))('SSH jump host (openssh-server)', () => {
  const gateway = () => ({
    kind: 'ssh' as const,
    host: '127.0.0.1',
    port: sshPort,
    username: user,
    knownHosts,
    privateKey: userKey,
  });
  let tunnel: SshTunnel | undefined;
  afterAll(() => tunnel?.close());

  it('reaches the API server through the jump host with a key from memory, TLS checked end to end', async () => {
    tunnel = await openSshTunnel(gateway());
    const agent = through(tunnel);
    expect(await version(agent)).toBe(200);
    expect(await version(agent)).toBe(200);
    await agent.destroy();
  });

  it('carries a session proxy to the API server: requests and the upgrade path go through the jump host', async () => {
    const ssh = await openSshTunnel(gateway());
    const cert = await createSessionCert(new Date(Date.now() + 600_000));
    const proxy = new SessionProxy({
      upstream: { server: cluster.server, caPem: cluster.caPem, gateway: ssh },
      token: cluster.adminToken ?? '',
      localCredential: 'local',
      cert,
      expiresAt: Date.now() + 600_000,
      clock: systemClock,
      onRequest: () => undefined,
    });
    await proxy.listen();
    try {
      const status = await new Promise<number>((resolve, reject) =>
        https
          .get(`${proxy.url}/version`, { ca: cert.caPem, headers: { authorization: 'Bearer local' } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject),
      );
      expect(status).toBe(200);
    } finally {
      await proxy.close();
      ssh.close();
    }
  });

  it('refuses a jump host whose key is not in known_hosts, before authenticating', async () => {
    const other = path.join(dir, 'other');
    keygen(other);
    const wrong = fs.readFileSync(`${other}.pub`, 'utf8').trim().split(' ');
    const bad = { ...gateway(), knownHosts: `[127.0.0.1]:${sshPort} ${wrong[0]} ${wrong[1]}\n` };
    await expect(openSshTunnel(bad)).rejects.toMatchObject({
      code: 'tls',
      message: expect.stringMatching(/not in the gateway's known_hosts/),
    });
  });

  it('says so when the jump host refuses the key', async () => {
    const stranger = path.join(dir, 'stranger');
    keygen(stranger);
    const bad = { ...gateway(), privateKey: fs.readFileSync(stranger, 'utf8') };
    await expect(openSshTunnel(bad)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe.skipIf(!fs.existsSync(SSHD))('a saved cluster set to use the SSH gateway', () => {
  it('passes the connection test and fetches through the jump host; a wrong host key is refused clearly', async () => {
    if (!cluster.adminToken) throw new Error('this test needs a token-based kubeconfig');
    const app = await createApp({
      dataDir: fs.mkdtempSync(path.join(dir, 'app-')),
      shell: 'test',
      keyStore: new MemoryKeyStore(),
      log: silentLogger(),
    });
    const call = valueCall(app);
    const ns = cluster.uniqueName('gw');
    try {
      await app.vault.init({ passphrase: 'gateway test passphrase', useKeychain: false });
      await cluster.kubectl(['create', 'namespace', ns]);
      await cluster.kubectl(['create', 'secret', 'generic', 'via-ssh', '-n', ns, '--from-literal=k=v']);
      const ssh = { kind: 'ssh' as const, host: '127.0.0.1', port: sshPort, username: user, knownHosts };
      const saved = await call('clusters:save', {
        draft: {
          name: 'behind-bastion',
          server: cluster.server,
          caPem: cluster.caPem,
          token: cluster.adminToken,
          options: { gateway: { ...ssh, privateKey: userKey } },
        },
        saveAnyway: false,
      });
      // The key stays in main: the summary says one is stored.
      expect(saved.cluster.options.gateway).toEqual({ ...ssh, hasPrivateKey: true });
      expect(JSON.stringify(await call('clusters:list', {}))).not.toContain('PRIVATE KEY');
      const before = sshdLog.length;
      const test = await call('clusters:test', { id: saved.cluster.id });
      expect(test.steps.map((s) => s.status)).not.toContain('fail');
      expect(test.steps[0]?.detail).toContain(`ssh ${user}@127.0.0.1:${sshPort}`);
      const report = await call('sync:fetch', { clusterId: saved.cluster.id, namespaces: [ns] });
      expect(report.totals.added).toBeGreaterThanOrEqual(1);
      const { port } = new URL(cluster.server);
      expect(sshdLog.slice(before)).toMatch(new RegExp(`target \\S+ port ${port || 443}`));

      const other = path.join(dir, 'other-host');
      keygen(other);
      const wrong = fs.readFileSync(`${other}.pub`, 'utf8').trim().split(' ');
      await call('clusters:update', {
        id: saved.cluster.id,
        // hasPrivateKey without a key keeps the stored key; only known_hosts changes.
        patch: {
          options: {
            gateway: { ...ssh, hasPrivateKey: true, knownHosts: `[127.0.0.1]:${sshPort} ${wrong[0]} ${wrong[1]}\n` },
          },
        },
        saveAnyway: true,
      });
      const refused = await call('clusters:test', { id: saved.cluster.id });
      const host = refused.steps[0];
      expect(host).toMatchObject({ step: 'host', status: 'fail', code: 'tls' });
      expect(host?.detail).toMatch(/not in the gateway's known_hosts/);
    } finally {
      await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
      await app.close();
    }
  }, 120_000);
});

describe('HTTP CONNECT proxy', () => {
  it('reaches the API server through CONNECT with Basic auth, and reports a 407', async () => {
    const proxy = await startConnectProxy({ user: 'me', password: 'pw' });
    const { port, seen } = proxy;
    try {
      const agent = through(httpConnectGateway({ kind: 'http-connect', url: `http://me:pw@127.0.0.1:${port}` }));
      expect(await version(agent)).toBe(200);
      await agent.destroy();
      const server = new URL(cluster.server);
      expect(seen).toEqual([`${server.hostname}:${server.port || 443}`]);
      const gw = httpConnectGateway({ kind: 'http-connect', url: `http://127.0.0.1:${port}` });
      await expect(gw.open(server.hostname, 443)).rejects.toMatchObject({ code: 'unauthorized' });
    } finally {
      proxy.close();
    }
  });
});
