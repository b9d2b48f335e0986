// `npm run bench:unlock`: keychain unlock (real gnome-keyring in a private D-Bus session) and passphrase unlock, Argon2id shown apart.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../src/main/app';
import { silentLogger } from '../src/main/log';
import { hasGnomeKeyring, nodeCommand, runWithKeyring, tempHome } from '../test/integration/vault/keyring';
import { valueCall } from '../test/support/app-call';
import { report } from './report';

const ROUNDS = Number(process.env.BENCH_N ?? 10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Runs inside the D-Bus session: times unlocks and `secret-tool lookup` of the same item, prints one JSON line. */
async function child(dataDir: string): Promise<void> {
  const app = await createApp({ dataDir, shell: 'test', log: silentLogger() });
  const must = valueCall(app);
  await must('vault:init', { passphrase: 'bench passphrase 1', useKeychain: true });
  const keychain: number[] = [];
  const passphrase: number[] = [];
  const kdf: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await must('vault:lock', {});
    let t = performance.now();
    await must('vault:unlock', { method: 'keychain' });
    keychain.push(performance.now() - t);
    await must('vault:lock', {});
    t = performance.now();
    await must('vault:unlock', { method: 'passphrase', passphrase: 'bench passphrase 1' });
    passphrase.push(performance.now() - t);
    kdf.push(app.vault.lastKdfMs);
  }
  const account = JSON.parse(fs.readFileSync(path.join(dataDir, 'keys.json'), 'utf8')).wraps.keychain.account as string;
  const lookup: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const r = spawnSync('secret-tool', ['lookup', 'service', 'Strongroom', 'username', account]);
    lookup.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`secret-tool lookup failed: ${r.stderr}`);
  }
  const rss = process.memoryUsage().rss / 2 ** 20;
  await app.close();
  process.stdout.write(`${JSON.stringify({ keychain, passphrase, kdf, lookup, rss })}\n`);
}

function parent(): void {
  if (!hasGnomeKeyring()) throw new Error('bench:unlock needs dbus-run-session and gnome-keyring-daemon');
  const home = tempHome();
  try {
    const run = runWithKeyring(
      'unlocked',
      [nodeCommand(path.resolve(import.meta.filename), ['--child', path.join(home, 'data')])],
      home,
    );
    if (run.status !== 0 || run.lines.length === 0) throw new Error(`child failed: ${run.stderr}`);
    const r = run.lines[0] as {
      keychain: number[];
      passphrase: number[];
      kdf: number[];
      lookup: number[];
      rss: number;
    };
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    process.stdout.write(
      [
        `rounds:                      ${ROUNDS}`,
        `keychain unlock (median):    ${ms(median(r.keychain))} (goal ≤ 500 ms; max ${ms(Math.max(...r.keychain))})`,
        `passphrase unlock (median):  ${ms(median(r.passphrase))}`,
        `  of which Argon2id:         ${ms(median(r.kdf))} (m=64 MiB, t=3, p=1)`,
        `  of which the rest:         ${ms(median(r.passphrase) - median(r.kdf))}`,
        `secret-tool lookup (ref):    ${ms(median(r.lookup))} (a whole process: D-Bus connect + read)`,
        '',
      ].join('\n'),
    );
    report({
      bench: 'unlock',
      n: ROUNDS,
      ours_s: median(r.keychain) / 1000,
      ref_s: median(r.lookup) / 1000,
      rss_mb: Math.round(r.rss),
    });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const childDir = process.argv[2] === '--child' ? process.argv[3] : undefined;
if (childDir) {
  child(childDir).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
} else {
  parent();
}
