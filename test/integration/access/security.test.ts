// Session security and faults: TTL, the per-session credential, loopback only, no stored token on disk, kubeconfig removed, clear errors.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_MESSAGES } from '../../../src/main/access/status-body';
import type { StartedSession } from '../../../src/shared/ipc/access';
import { type AccessHarness, accessHarness } from './harness';

let h: AccessHarness;

beforeAll(async () => {
  h = await accessHarness();
});

afterAll(async () => {
  await h?.close();
});

async function start(account: string, ttlMs = 600_000): Promise<StartedSession> {
  return h.value('access:start', { clusterId: h.clusterId, account, ttlMs, reason: 'security' });
}

/** Every file under `dir` whose bytes contain `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  try {
    return execFileSync('grep', ['-rlF', '--', needle, dir], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

describe('session security', () => {
  it('writes a 0600 kubeconfig in a private 0700 dir, listens on 127.0.0.1, and leaves nothing behind', async () => {
    const s = await start('edit');
    const dir = path.dirname(s.kubeconfigPath);
    expect(fs.statSync(s.kubeconfigPath).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(new URL(s.proxyUrl).hostname).toBe('127.0.0.1');
    const text = fs.readFileSync(s.kubeconfigPath, 'utf8');
    expect(text).toContain(s.proxyUrl);
    expect(text).not.toContain(h.storedToken);
    expect((await h.cluster.kubectl(['get', 'secrets', '-n', h.work], { kubeconfig: s.kubeconfigPath })).code).toBe(0);
    // Neither the vault's data dir, the temp dirs, nor the kubeconfig hold the stored token in clear.
    expect(filesHolding(h.dir, h.storedToken)).toEqual([]);
    expect(filesHolding(dir, h.storedToken)).toEqual([]);
    await h.value('access:end', { id: s.session.id });
    expect(fs.existsSync(dir)).toBe(false);
    const refused = await new Promise<string>((resolve) =>
      https
        .get(s.proxyUrl, { rejectUnauthorized: false }, () => resolve('answered'))
        .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error')),
    );
    expect(refused).toBe('ECONNREFUSED');
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('strongroom-access-'))).not.toContain(
      path.basename(dir),
    );
  });

  it('refuses a request that does not carry the session credential, even from this user', async () => {
    const s = await start('edit');
    const ca = Buffer.from(
      /certificate-authority-data: (\S+)/.exec(fs.readFileSync(s.kubeconfigPath, 'utf8'))?.[1] ?? '',
      'base64',
    );
    for (const headers of [{}, { authorization: `Bearer ${h.storedToken}` }]) {
      const status = await new Promise<number>((resolve, reject) =>
        https
          .get(`${s.proxyUrl}/api/v1/namespaces/${h.work}/secrets`, { ca, headers }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject),
      );
      expect(status).toBe(401);
    }
    const other = h.cluster.writeKubeconfig('not-the-session-credential', 'other');
    const text = fs.readFileSync(s.kubeconfigPath, 'utf8').replace(/token: \S+/, 'token: not-it');
    fs.writeFileSync(other, text);
    const r = await h.cluster.kubectl(['get', 'secrets', '-n', h.work], { kubeconfig: other });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('You must be logged in to the server');
    await h.value('access:end', { id: s.session.id });
  });

  it('ends itself at its TTL: requests are refused and the kubeconfig is gone', async () => {
    const s = await start('edit', 2000);
    expect((await h.cluster.kubectl(['get', 'secrets', '-n', h.work], { kubeconfig: s.kubeconfigPath })).code).toBe(0);
    const copy = path.join(h.dir, 'ttl.kubeconfig');
    fs.copyFileSync(s.kubeconfigPath, copy);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const detail = await h.value('access:session', { id: s.session.id });
    expect(detail).toMatchObject({ live: false, endReason: 'ttl' });
    expect(fs.existsSync(s.kubeconfigPath)).toBe(false);
    const r = await h.cluster.kubectl(['get', 'secrets', '-n', h.work, '--request-timeout=5s'], { kubeconfig: copy });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/refused/);
  });
});

describe('faults', () => {
  it('sandbox only: a token the API server no longer accepts gives a clear message', async (ctx) => {
    if (!h.cluster.sandbox) ctx.skip();
    const s = await h.app.access.open({ clusterId: h.clusterId, account: 'edit', ttlMs: 3600_000, reason: 'fault' });
    const told: string[] = [];
    s.onProblem((message) => told.push(message));
    // Past the token's own expiry on the server's clock, within the session's TTL on ours.
    h.cluster.sandbox?.advanceClock(2 * 3600_000);
    const r = await h.cluster.kubectl(['get', 'secrets', '-n', h.work], { kubeconfig: s.kubeconfigPath });
    expect(r.code).not.toBe(0);
    // kubectl's discovery ignores the Status body: it says "logged in"; the session says why.
    expect(r.stderr).toContain('You must be logged in to the server');
    expect(told).toEqual([PROXY_MESSAGES.tokenRefused]);
    await s.end('user');
    const detail = await h.value('access:session', { id: s.id });
    expect(detail.requests.some((q) => q.status === 401)).toBe(true);
  });

  it('sandbox only: the API server dropping the connection is reported, and the session goes on', async (ctx) => {
    if (!h.cluster.sandbox) ctx.skip();
    const s = await start('edit');
    h.cluster.sandbox?.faults.set({ dropNextLists: 5 });
    const r = await h.cluster.kubectl(['get', 'secrets', '-n', h.work, '-o', 'json'], { kubeconfig: s.kubeconfigPath });
    h.cluster.sandbox?.faults.set({ dropNextLists: 0 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unexpected EOF|connection|closed/i);
    expect((await h.cluster.kubectl(['get', 'secrets', '-n', h.work], { kubeconfig: s.kubeconfigPath })).code).toBe(0);
    await h.value('access:end', { id: s.session.id });
  });
});
