// Notifications: a signal to the process named in a pidfile, and a POST to a loopback URL; failures carry a reason.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sendNotify } from './notify';

it('signals the process whose id is in the pidfile', async () => {
  const child = spawn(
    process.execPath,
    ['-e', "process.on('SIGUSR1', () => process.exit(7)); setInterval(() => {}, 1000); console.log('ready')"],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  await new Promise((r) => child.stdout?.once('data', r));
  const pidFile = join(mkdtempSync(join(tmpdir(), 'agent-notify-')), 'app.pid');
  writeFileSync(pidFile, `${child.pid}\n`);
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  await sendNotify({ kind: 'signal', signal: 'SIGUSR1', pidFile });
  expect(await exited).toBe(7);
  writeFileSync(pidFile, 'nope');
  await expect(sendNotify({ kind: 'signal', signal: 'SIGUSR1', pidFile })).rejects.toThrow(
    /does not hold a process id/,
  );
});

it('POSTs to the loopback URL and reports a non-2xx answer', async () => {
  const seen: string[] = [];
  let status = 204;
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/reload`;
  try {
    await sendNotify({ kind: 'http', url });
    expect(seen).toEqual(['POST /reload']);
    status = 500;
    await expect(sendNotify({ kind: 'http', url })).rejects.toThrow(/answered HTTP 500/);
  } finally {
    server.close();
  }
});
