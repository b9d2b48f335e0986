// The strongroom CLI as a child process on a data dir: spawn it, run it to success, SIGKILL it while it writes, then open what it left.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type App, createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { type ValueCall, valueCall } from '../../support/app-call';

/** The CLI with the passphrase in its environment; stderr is piped for error messages, stdout when asked. */
export function spawnCli(
  dir: string,
  passphrase: string,
  args: string[],
  stdout: 'ignore' | 'pipe' = 'ignore',
  stdin?: string,
): ChildProcess {
  const child = spawn(process.execPath, ['bin/strongroom.mjs', '--data-dir', dir, ...args], {
    env: { ...process.env, STRONGROOM_PASSPHRASE: passphrase },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', stdout, 'pipe'],
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
  return child;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (stdin piped in when given) and returns its exit code and whole output. */
export async function cliRun(dir: string, passphrase: string, args: string[], stdin?: string): Promise<CliRun> {
  const child = spawnCli(dir, passphrase, args, 'pipe', stdin);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

/** Runs a command to its end (stdin piped in when given) and returns its stdout; a non-zero exit throws with its stderr. */
export async function cliOk(dir: string, passphrase: string, args: string[], stdin?: string): Promise<string> {
  const r = await cliRun(dir, passphrase, args, stdin);
  if (r.code !== 0) throw new Error(`strongroom ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Starts a command and SIGKILLs it once the vault's WAL has grown `bytes` past the unlock's own
 * writes, so that it is writing by then; a command that ends first is left to end.
 */
export async function killWhileWriting(
  dir: string,
  passphrase: string,
  args: string[],
  bytes = 64 * 1024,
): Promise<void> {
  const child = spawnCli(dir, passphrase, args);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const wal = path.join(dir, 'vault.db-wal');
  const start = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  let running = true;
  void exited.then(() => (running = false));
  while (running && !(fs.existsSync(wal) && fs.statSync(wal).size > start + bytes))
    await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  await exited;
}

/** The app over a CLI's data dir, unlocked, with `call` throwing on an error result. Close `app` after use. */
export async function openUnlocked(dir: string, passphrase: string): Promise<{ app: App; call: ValueCall }> {
  const app = await createApp({ dataDir: dir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  const call = valueCall(app);
  try {
    await call('vault:unlock', { method: 'passphrase', passphrase });
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, call };
}
