// Real kubectl through a session's proxy: get, apply, delete, get -w, auth whoami, RBAC of the borrowed account, and the log.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  return h.value('access:start', { clusterId: h.clusterId, account, ttlMs, reason: 'test' });
}

function secretYaml(namespace: string, name: string, value: string): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nstringData:\n  password: ${value}\n`;
}

describe('a session through the local proxy', () => {
  it('runs get, apply and delete as the edit account, whoami shows the minted identity, and logs each as a kubectl command', async () => {
    const s = await start('edit');
    const kc = { kubeconfig: s.kubeconfigPath };
    const value = 'proxy-test-value-5f1c';
    const applied = await h.cluster.kubectl(['apply', '-f', '-'], { ...kc, input: secretYaml(h.work, 'db', value) });
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('secret/db created');
    const got = await h.cluster.kubectl(['get', 'secrets', '-n', h.work, '-o', 'name'], kc);
    expect(got.stdout).toContain('secret/db');
    const whoami = await h.cluster.kubectl(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'], kc);
    expect(whoami.stdout).toBe(`system:serviceaccount:${h.saNamespace}:strongroom-access-edit`);
    expect(whoami.stdout).not.toBe(`system:serviceaccount:${h.saNamespace}:strongroom`);
    const deleted = await h.cluster.kubectl(['delete', 'secret', 'db', '-n', h.work], kc);
    expect(deleted.stdout).toContain('deleted');
    await h.value('access:end', { id: s.session.id });

    const detail = await h.value('access:session', { id: s.session.id });
    expect(detail).toMatchObject({ live: false, endReason: 'user', account: 'edit', reason: 'test' });
    const commands = detail.requests.map((r) => r.command);
    expect(commands).toContain(`kubectl get secrets -n ${h.work}`);
    expect(commands).toContain(`kubectl delete secrets db -n ${h.work}`);
    expect(commands).toContain('kubectl auth whoami');
    const create = detail.requests.find((r) => r.method === 'POST' && r.resource === 'secrets');
    expect(create).toMatchObject({
      verb: 'create',
      namespace: h.work,
      status: 201,
      command: `kubectl apply -f … -n ${h.work}`,
    });
    expect(create?.bytesIn).toBeGreaterThan(0);
    // Bodies are never stored: not the value, not its base64.
    const text = JSON.stringify(h.app.vault.db().prepare('SELECT * FROM access_requests').all());
    expect(text).not.toContain(value);
    expect(text).not.toContain(Buffer.from(value).toString('base64'));
    const audit = h.app.vault
      .db()
      .prepare("SELECT action, details FROM audit_events WHERE action LIKE 'session.%'")
      .all() as {
      action: string;
      details: string;
    }[];
    expect(audit.filter((e) => e.details.includes(s.session.id)).map((e) => e.action)).toEqual([
      'session.start',
      'session.end',
    ]);
  });

  it('the view account cannot read Secrets, as kube-apiserver bootstrap RBAC says', async () => {
    const s = await start('view');
    const r = await h.cluster.kubectl(['get', 'secrets', '-n', h.work], { kubeconfig: s.kubeconfigPath });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/forbidden/i);
    expect((await h.cluster.kubectl(['get', 'pods', '-n', h.work], { kubeconfig: s.kubeconfigPath })).code).toBe(0);
    await h.value('access:end', { id: s.session.id });
  });

  it('streams get -w through the proxy, and ending the session cuts the watch', async () => {
    const s = await start('edit');
    const child = spawn('kubectl', ['get', 'secrets', '-n', h.work, '-w', '-o', 'name'], {
      env: { ...process.env, KUBECONFIG: s.kubeconfigPath },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await h.admin(['create', 'secret', 'generic', 'watched', '-n', h.work, '--from-literal=a=b']);
    await expect.poll(() => out, { timeout: 20_000 }).toContain('secret/watched');
    await h.value('access:end', { id: s.session.id });
    const code = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 20_000)),
    ]);
    if (code === 'still running') child.kill();
    expect(code).not.toBe('still running');
    // The cut watch is logged when its stream closes, which may land just after the session's end.
    const watchLogged = async () =>
      (await h.value('access:session', { id: s.session.id })).requests.some(
        (r) => r.verb === 'watch' && r.command === `kubectl get secrets -n ${h.work} -w`,
      );
    await expect.poll(watchLogged, { timeout: 10_000 }).toBe(true);
  });

  it.skip('exec: the sandbox does not serve pods/exec, and a real cluster would need a pulled image (upgrades are tested in proxy.test.ts)', () => {});
});
