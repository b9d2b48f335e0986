// `npm run bench:audit`: append 100k audit events, then verify the chain; reference: sha256sum over the same bytes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../src/main/audit/service';
import { systemClock } from '../src/main/clock';
import { silentLogger } from '../src/main/log';
import { MemoryKeyStore } from '../src/main/vault/keystore';
import { VaultService } from '../src/main/vault/service';
import { report } from './report';

const N = Number(process.env.BENCH_N ?? 100_000);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-bench-audit-'));
  try {
    const vault = new VaultService({
      dataDir: dir,
      clock: systemClock,
      log: silentLogger(),
      keyStore: new MemoryKeyStore(),
    });
    const audit = new AuditLog({ vault, clock: systemClock, log: silentLogger(), actor: 'bench' });
    await vault.init({ passphrase: 'bench passphrase', useKeychain: false });

    // One transaction per event, exactly as services record them.
    let start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      audit.record({
        action: i % 7 === 0 ? 'secret.copy' : 'secret.reveal',
        target: `cluster-${i % 5}/namespace-${i % 40}/secret-${i}`,
        outcome: i % 11 === 0 ? 'forbidden' : 'ok',
        details: { field: `key-${i % 9}`, via: 'bench' },
      });
    }
    const appendS = seconds(start);
    audit.flush();

    // Median of three runs: the machine may be shared.
    const runs: number[] = [];
    let result = audit.verify();
    for (let i = 0; i < 3; i++) {
      start = process.hrtime.bigint();
      result = audit.verify();
      runs.push(seconds(start));
    }
    const verifyS = [...runs].sort((a, b) => a - b)[1] as number;
    if (!result.ok || result.checked < N) throw new Error(`verify failed: ${JSON.stringify(result)}`);

    // The reference hashes the very bytes verify hashes: every event's canonical form.
    const bytesFile = path.join(dir, 'canonical.bin');
    const rows = vault
      .db()
      .prepare('SELECT seq, time, actor, action, target, outcome, details, prev FROM audit_events ORDER BY seq')
      .raw()
      .iterate();
    const fd = fs.openSync(bytesFile, 'w', 0o600);
    let bytes = 0;
    for (const row of rows) bytes += fs.writeSync(fd, JSON.stringify(row));
    fs.closeSync(fd);
    const refRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      start = process.hrtime.bigint();
      const ref = spawnSync('sha256sum', [bytesFile], { encoding: 'utf8' });
      refRuns.push(seconds(start));
      if (ref.status !== 0) throw new Error(`sha256sum failed: ${ref.stderr}`);
    }
    const refS = [...refRuns].sort((a, b) => a - b)[1] as number;
    const rss = process.memoryUsage().rss / 2 ** 20;
    vault.lock('shutdown');

    process.stdout.write(
      [
        `events:            ${result.checked}`,
        `append:            ${appendS.toFixed(2)} s (${Math.round(N / appendS)} events/s, one transaction each)`,
        `verify:            ${verifyS.toFixed(3)} s median of 3 (goal ≤ 1 s) — ${result.ok ? 'intact' : 'BROKEN'}`,
        `load average:      ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores`,
        `sha256sum (ref):   ${refS.toFixed(3)} s over ${(bytes / 2 ** 20).toFixed(1)} MiB of canonical bytes`,
        `vault.db:          ${(fs.statSync(path.join(dir, 'vault.db')).size / 2 ** 20).toFixed(1)} MiB`,
        '',
      ].join('\n'),
    );
    report({ bench: 'audit', n: N, ours_s: verifyS, ref_s: refS, rss_mb: Math.round(rss) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
