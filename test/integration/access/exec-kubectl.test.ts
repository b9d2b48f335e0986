// Real kubectl exec through the session proxy, over WebSocket (v5.channel.k8s.io) and SPDY/3.1, to a scripted exec endpoint: the transcript matches.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { execTapFor } from '../../../src/main/access/exec-transcript';
import { SessionProxy } from '../../../src/main/access/proxy';
import { FakeClock } from '../../../src/main/clock';
import type { SessionRequest } from '../../../src/shared/ipc/access';
import { proxyTestSetup, scriptedApiServer } from './exec-upstream';

const LOCAL = 'local-credential';
const { cert, closers } = proxyTestSetup();

async function kubectlExec(websockets: boolean): Promise<{ out: string; logged: SessionRequest[] }> {
  const logged: SessionRequest[] = [];
  const clock = new FakeClock(Date.now());
  const api = await scriptedApiServer();
  closers.push(() => api.close());
  const proxy = new SessionProxy({
    upstream: { server: api.url, caPem: api.caPem },
    token: 'minted',
    localCredential: LOCAL,
    cert: cert(),
    expiresAt: clock.now() + 600_000,
    clock,
    onRequest: (r) => logged.push(r),
    tapUpgrade: execTapFor,
  });
  await proxy.listen();
  closers.push(() => proxy.close());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-exec-'));
  closers.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const kubeconfig = path.join(dir, 'config');
  fs.writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'p',
          cluster: { server: proxy.url, 'certificate-authority-data': Buffer.from(cert().caPem).toString('base64') },
        },
      ],
      users: [{ name: 'u', user: { token: LOCAL } }],
      contexts: [{ name: 'c', context: { cluster: 'p', user: 'u', namespace: 'a' } }],
      'current-context': 'c',
    }),
  );
  const out = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      'kubectl',
      ['exec', '-i', 'web', '--', 'cat'],
      {
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          KUBECACHEDIR: dir,
          KUBECTL_REMOTE_COMMAND_WEBSOCKETS: websockets ? 'true' : 'false',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
    child.stdin?.end('echo hi\n');
  });
  await new Promise((r) => setTimeout(r, 200));
  return { out, logged };
}

for (const [transport, websockets] of [
  ['WebSocket (v5.channel.k8s.io)', true],
  ['SPDY/3.1', false],
] as const) {
  it(`transcribes kubectl exec -i over ${transport}: stdin, stdout and stderr`, async () => {
    const { out, logged } = await kubectlExec(websockets);
    expect(out).toBe('ECHO HI\n');
    const exec = logged.find((r) => r.execCommand === 'cat');
    expect(exec).toMatchObject({ status: 101, command: 'kubectl exec web -n a -- cat' });
    expect(exec?.transcript?.chunks.map((c) => [c.stream, c.text])).toEqual([
      ['stdin', 'echo hi\n'],
      ['stdout', 'ECHO HI\n'],
      ['stderr', 'done\n'],
    ]);
  }, 90_000);
}
