// `npm run bench:overview`: 10,000 Secrets written through sync's store (findings precomputed there); times the
// overview channel right after each unlock (in-process call through the dispatcher, not a renderer paint) against
// one SQL query that reads the same counts.
import { randomBytes } from 'node:crypto';
import type { createApp } from '../src/main/app';
import * as repo from '../src/main/resources/repo';
import type { Overview } from '../src/shared/ipc/overview';
import { makeCert } from '../test/support/test-pki';
import { report } from './report';
import { BENCH_PASSPHRASE, withVaultApp } from './vault-app';

const N = Number(process.env.BENCH_N ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const NAMESPACES = 20;
const DAY = 86_400_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const b64 = (s: string) => Buffer.from(s).toString('base64');

const REF_SQL = `SELECT
  (SELECT count(*) FROM accounts WHERE state = 'present') AS secrets,
  (SELECT count(*) FROM overview_certificates) AS certificates,
  (SELECT count(*) FROM (SELECT hash FROM overview_values v WHERE NOT EXISTS (SELECT 1 FROM overview_certificates c
    WHERE c.account_id = v.account_id AND c.key = v.key) GROUP BY hash HAVING count(DISTINCT account_id) > 1)) AS reused,
  (SELECT count(*) FROM overview_values WHERE weak IS NOT NULL) AS weak,
  (SELECT count(*) FROM overview_changes WHERE value_changed_at < ?) AS stale`;

async function seed(app: Awaited<ReturnType<typeof createApp>>): Promise<void> {
  const now = Date.now();
  const certs = await Promise.all(
    [5, 20, 60, 400].map((days) => makeCert(`bench-${days}.example`, new Date(now - DAY), new Date(now + days * DAY))),
  );
  const db = app.vault.db();
  db.prepare(
    "INSERT INTO clusters (id, name, server, ca_pem, token, created_at, updated_at) VALUES ('bench', 'bench', 'https://127.0.0.1:1', '', 'bench-placeholder', ?, ?)",
  ).run(now, now);
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const resource = repo.ensureResource(db, {
        clusterId: 'bench',
        clusterName: 'bench',
        namespace: `ns-${i % NAMESPACES}`,
        scope: 'namespace',
        now,
      });
      const data: Record<string, string> = {
        username: b64(`user-${i}`),
        password: i % 50 === 0 ? b64(`pw${i}`) : b64(randomBytes(18).toString('base64')),
        'api-token': i % 100 === 0 ? b64('shared-token-value-9f8e7d6c5b4a') : b64(randomBytes(24).toString('base64')),
      };
      if (i % 20 === 0) data['tls.crt'] = b64(certs[i % certs.length]?.pem ?? '');
      const secret = { metadata: { name: `s-${i}`, namespace: `ns-${i % NAMESPACES}`, resourceVersion: '1' }, data };
      // A tenth of the Secrets were last written 200 days ago: stale at the default 90.
      repo.writeSecret(db, resource.id, undefined, secret, i % 10 === 0 ? now - 200 * DAY : now);
    }
  })();
}

async function main(): Promise<void> {
  await withVaultApp('overview', async (app, must) => {
    const seedStart = performance.now();
    await seed(app);
    const seedMs = performance.now() - seedStart;
    const ours: number[] = [];
    const ref: number[] = [];
    let last: Overview | undefined;
    let counts: Record<string, number> = {};
    for (let i = 0; i < ROUNDS; i++) {
      await must('vault:lock', {});
      await must('vault:unlock', { method: 'passphrase', passphrase: BENCH_PASSPHRASE });
      let t = performance.now();
      last = await must('overview:get', {});
      ours.push(performance.now() - t);
      await must('vault:lock', {});
      await must('vault:unlock', { method: 'passphrase', passphrase: BENCH_PASSPHRASE });
      t = performance.now();
      counts = app.vault
        .db()
        .prepare(REF_SQL)
        .get(Date.now() - 90 * DAY) as Record<string, number>;
      ref.push(performance.now() - t);
    }
    if (!last) throw new Error('no overview');
    const secrets = last.clusters.reduce((n, c) => n + c.secrets, 0);
    const same =
      secrets === counts.secrets &&
      last.certificates.length === counts.certificates &&
      last.reused.length === counts.reused &&
      last.weak.length === counts.weak &&
      last.stale.length === counts.stale;
    if (!same) throw new Error(`overview and reference disagree: ${JSON.stringify(counts)}`);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    process.stdout.write(
      [
        `Secrets:                         ${secrets} (seeded through sync's store in ${ms(seedMs)})`,
        `findings:                        ${JSON.stringify(counts)}`,
        `overview:get after unlock (med): ${ms(median(ours))} (goal ≤ 300 ms; max ${ms(Math.max(...ours))})`,
        `one SQL query of the counts:     ${ms(median(ref))}`,
        '',
      ].join('\n'),
    );
    report({
      bench: 'overview',
      n: secrets,
      ours_s: median(ours) / 1000,
      ref_s: median(ref) / 1000,
      rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
    });
  });
}

await main();
