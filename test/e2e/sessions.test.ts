// e2e: start a just-in-time session from the Sessions view against the sandbox, run kubectl through it, watch the timeline, end and export it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRepo } from '../../src/main/access/repo';
import { provisionServiceAccount } from '../../src/main/demo';
import { kubeConfigFor } from '../../src/main/kube/connection';
import { type Sandbox, startSandbox } from '../../src/sandbox/index';
import { type E2eSession, startSession, TEST_PASSPHRASE } from './support';

const run = promisify(execFile);

describe('sessions in Chromium', () => {
  let s: E2eSession;
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
    const core = kubeConfigFor({ ...admin, token: sandbox.adminToken, timeoutMs: 10_000 }).makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'payments' } } });
    const { token } = await provisionServiceAccount(admin, {
      variant: 'read-write',
      accessAccounts: ['view', 'edit', 'admin'],
    });
    s = await startSession({
      passphrase: TEST_PASSPHRASE,
      demo: { name: 'jit', server: sandbox.url, caPem: sandbox.caPem, token },
    });
    const connected = await s.app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
  });

  afterAll(async () => {
    await s?.close();
    await sandbox?.close();
  });

  it('starts a session, shows kubectl requests as commands, ends it and exports it as JSON', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+Digit5');
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    const form = page.getByRole('form', { name: 'Start a session' });
    await form.getByLabel('Account').selectOption('edit');
    await form.getByLabel('Reason').fill('e2e check');
    await form.getByLabel('Record exec transcripts').check();
    await form.getByRole('button', { name: 'Start session' }).click();
    const note = page.getByRole('status', { name: 'Session kubeconfig' });
    const text = (await note.locator('pre').textContent()) ?? '';
    const kubeconfig = /export KUBECONFIG=(\S+)/.exec(text)?.[1] ?? '';
    expect(fs.existsSync(kubeconfig)).toBe(true);

    await run('kubectl', ['get', 'secrets', '-n', 'payments'], { env: { ...process.env, KUBECONFIG: kubeconfig } });
    const timeline = page.getByRole('complementary', { name: 'Session timeline' });
    await timeline.getByText('kubectl get secrets -n payments').first().waitFor({ timeout: 20_000 });
    await s.shot('sessions-live');

    await timeline.getByText('recorded', { exact: true }).waitFor();
    // The sandbox serves no pods/exec: log an exec as the proxy's tap does (exec-transcript.test.ts runs the real one).
    const listed = await s.app.call('access:sessions', { limit: 10 });
    const sessionId = listed.ok ? listed.value.find((x) => x.reason === 'e2e check')?.id : undefined;
    new AccessRepo(() => s.app.vault.db()).insertRequests(sessionId ?? '', [
      {
        at: Date.now(),
        method: 'GET',
        path: '/api/v1/namespaces/payments/pods/web/exec?command=ls&stdout=true',
        verb: 'create',
        resource: 'pods/exec',
        namespace: 'payments',
        name: 'web',
        status: 101,
        latencyMs: 2,
        bytesIn: 0,
        bytesOut: 40,
        command: 'kubectl exec web -n payments -- ls',
        execCommand: 'ls',
        transcript: { chunks: [{ stream: 'stdout', atMs: 3, text: 'bin\netc\n' }], bytes: 300_000, truncated: true },
      },
    ]);

    const row = page.getByRole('grid', { name: 'Sessions' }).getByRole('row').filter({ hasText: 'e2e check' });
    await expect(row.getByText('live').count()).resolves.toBe(1);
    await timeline.getByRole('button', { name: 'End session' }).click();
    await row.getByText('ended (user)').waitFor();
    await timeline.getByText('Transcript (300000 bytes)').click();
    expect(await timeline.locator('details.transcript pre').textContent()).toBe('out: bin\netc\n');
    await timeline.getByText('[transcript truncated: the first 8 of 300000 bytes are kept]').waitFor();
    // The timeline open on a selected session, with its transcript: no axe violation of any impact.
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}`))).toEqual([]);
    expect(fs.existsSync(kubeconfig)).toBe(false);

    const download = page.waitForEvent('download');
    await timeline.getByRole('button', { name: 'Export JSON' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { reason: string; requests: { command: string }[] };
    expect(exported.reason).toBe('e2e check');
    expect(exported.requests.map((r) => r.command)).toContain('kubectl get secrets -n payments');
    await s.shot('sessions-ended');
  });
});
