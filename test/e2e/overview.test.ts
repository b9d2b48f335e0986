// e2e: the Overview is the first screen after unlock, says what to do when empty, and shows planted findings with charts, tables and links.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionServiceAccount } from '../../src/main/demo';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { makeCert } from '../support/test-pki';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

const DAY = 86_400_000;
const NS = 'overview-e2e';
const OTHER = 'overview-e2e-2';
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** kubectl apply in a child process: the sandbox runs in this process, so the event loop must stay free. */
async function kubectlApply(kubeconfig: string, input: string): Promise<void> {
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'apply', '-f', '-'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`kubectl apply failed: ${err}`);
}

describe('overview in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;
  let kubeDir: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    kubeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-e2e-overview-'));
    const kubeconfig = path.join(kubeDir, 'config');
    sandbox.writeKubeconfig(kubeconfig);
    const cert = await makeCert('soon.example', new Date(Date.now() - DAY), new Date(Date.now() + 5 * DAY + 3_600_000));
    const shared = 'Zq8#rT3!vN6@pL1$wK4%';
    const doc = (namespace: string, name: string, data: Record<string, string>) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, data });
    const input = [
      JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }),
      JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: OTHER } }),
      doc(NS, 'web-tls', { 'tls.crt': b64(cert.pem) }),
      doc(NS, 'app-db', { password: b64('hunter2') }),
      doc(NS, 'api-a', { token: b64(shared) }),
      doc(OTHER, 'api-b', { 'api-token': b64(shared) }),
    ].join('\n');
    await kubectlApply(kubeconfig, input);
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    const { token } = await provisionServiceAccount(admin, { variant: 'read-only' });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'demo', server: sandbox.url, caPem: sandbox.caPem, token },
    });
  }, 120_000);

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
    if (kubeDir) fs.rmSync(kubeDir, { recursive: true, force: true });
  });

  it('opens on the Overview with empty states that say what to do next', async () => {
    const { page } = s;
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByText('No cluster yet. Add one in Clusters').waitFor();
    await page.getByText('No certificate in the fetched Secrets.').waitFor();
    await s.shot('overview-empty');
  });

  it('shows the planted certificate, reused value and weak password, with a chart, its table and links', async () => {
    const connected = await s.app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
    const fetched = await s.app.call('sync:fetch', { clusterId: connected.value.clusterId, namespaces: [NS, OTHER] });
    if (!fetched.ok) throw new Error(fetched.error.message);
    const { page } = s;
    await page.keyboard.press('Alt+Digit1');
    await page.keyboard.press('Alt+Digit0');

    const certs = page.getByRole('grid', { name: 'Certificates, soonest expiry first' });
    const row = certs.getByRole('row', { name: new RegExp(`demo/${NS}/web-tls:tls.crt`) });
    await row.waitFor();
    await expect(row.getByRole('gridcell').nth(1).textContent()).resolves.toBe('5');
    await page.getByRole('img', { name: /^Certificates by expiry: Expired 0, ≤ 30 days 1, / }).waitFor();
    await page.getByRole('button', { name: 'Show table' }).first().click();
    const table = page.getByRole('table', { name: 'Certificates by expiry' });
    await expect(table.getByRole('row', { name: '≤ 30 days 1' }).count()).resolves.toBe(1);

    const reused = page.getByRole('region', { name: /Reused values/ });
    await reused.getByRole('button', { name: `demo/${NS}/api-a:token` }).waitFor();
    await reused.getByRole('button', { name: `demo/${OTHER}/api-b:api-token` }).waitFor();
    const weak = page.getByRole('region', { name: /Weak values/ });
    await expect(weak.textContent()).resolves.toContain(`demo/${NS}/app-db:password is short`);
    await page.getByRole('img', { name: /^Audit events by day: / }).waitFor();
    await expect(page.content()).resolves.not.toContain('hunter2');
    await s.shot('overview-findings');

    await weak.getByRole('button', { name: `demo/${NS}/app-db:password` }).click();
    await page.getByRole('heading', { name: 'Resources', level: 1 }).waitFor();
    await page.getByText('app-db').first().waitFor();
  }, 120_000);
});
