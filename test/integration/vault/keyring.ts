// Runs commands inside a private D-Bus session with a real gnome-keyring, for keychain tests and the unlock bench.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const CHILD = path.join(ROOT, 'test/integration/vault/vault-child.ts');
export const CLI = path.join(ROOT, 'src/cli/main.ts');

export function hasGnomeKeyring(): boolean {
  return ['dbus-run-session', 'gnome-keyring-daemon'].every(
    (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0,
  );
}

const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** A shell command running Node 24 (this process's) with tsx, for a TypeScript entry point. */
export function nodeCommand(script: string, args: string[]): string {
  return [process.execPath, '--import', 'tsx', script, ...args].map(q).join(' ');
}

export interface KeyringRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** One parsed JSON object per stdout line that is JSON. */
  lines: Record<string, unknown>[];
}

/**
 * `keyring`: `unlocked` starts gnome-keyring-daemon unlocked (creating the login collection on
 * first use), `locked` starts it without unlocking, `none` runs with no D-Bus session at all.
 */
export function runWithKeyring(
  mode: 'unlocked' | 'locked' | 'none',
  commands: string[],
  home: string,
  env: NodeJS.ProcessEnv = {},
): KeyringRun {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'share'),
    XDG_RUNTIME_DIR: home,
    ...env,
  };
  delete base.DBUS_SESSION_BUS_ADDRESS;
  delete base.STRONGROOM_PASSPHRASE;
  const body = commands.join(' && ');
  const start =
    mode === 'unlocked'
      ? 'echo -n keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null'
      : 'gnome-keyring-daemon --start --components=secrets >/dev/null';
  const argv =
    mode === 'none' ? ['sh', '-c', body] : ['dbus-run-session', '--', 'sh', '-c', `${start}; ${body}; rc=$?; exit $rc`];
  const r = spawnSync(argv[0] as string, argv.slice(1), { cwd: ROOT, env: base, encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines };
}

export function tempHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-home-'));
  fs.chmodSync(home, 0o700);
  return home;
}
