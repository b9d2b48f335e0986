// A throwaway PostgreSQL server for tests: initdb + pg_ctl in a temp dir, on a free loopback port, as an unprivileged user.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestPostgres {
  host: string;
  port: number;
  /** The superuser created by initdb. */
  adminUser: string;
  adminPassword: string;
  /** Stops the server (the data stays), to simulate an unreachable database. */
  stop(): Promise<void>;
  /** Starts it again after `stop()`. */
  start(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  close(): Promise<void>;
}

/** Finds the newest installed PostgreSQL's bin directory (Debian layout), or relies on PATH. */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return '';
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0] as string, 'bin') : '';
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a fresh server with password (SCRAM) authentication on 127.0.0.1. Call `close()` in afterAll. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const tool = (name: string) => (bin ? join(bin, name) : name);
  const asRoot = userInfo().uid === 0;
  // PostgreSQL refuses to run as root: run its tools as the `postgres` user, which owns the temp dir.
  const exec = (name: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', tool(name), ...args], { timeout: 60_000 })
      : run(tool(name), args, { timeout: 60_000 });

  const dir = mkdtempSync(join(tmpdir(), 'strongroom-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  const adminPassword = randomBytes(18).toString('base64url');
  writeFileSync(pwfile, adminPassword, { mode: 0o600 });
  if (asRoot) {
    const pgUser = await run('id', ['-u', 'postgres']);
    const pgGroup = await run('id', ['-g', 'postgres']);
    const uid = Number(pgUser.stdout.trim());
    const gid = Number(pgGroup.stdout.trim());
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(dir, 0o700);

  const port = await freeLoopbackPort();
  await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--no-sync']);
  rmSync(pwfile, { force: true });
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await exec('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  };
  await start();
  let running = true;
  return {
    host: '127.0.0.1',
    port,
    adminUser: 'postgres',
    adminPassword,
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async close() {
      if (running) await stop().catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
