// `npm run bench:suggest`: 10,000 fetched Secrets and 1,000 PostgreSQL accounts in a real vault; times every mapping
// suggestion (equal values, conventional names, PostgreSQL URLs) through the channel, against one SQL query doing the same matching.
import { randomBytes } from 'node:crypto';
import * as repo from '../src/main/resources/repo';
import { addPostgresResource, addTargetAccount } from '../src/main/rotation/target-store';
import type { WritableDB } from '../src/main/vault/db';
import { report } from './report';
import { withVaultApp } from './vault-app';

const N = Number(process.env.BENCH_N ?? 10_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const RESOURCES = 10;
const NAMESPACES = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/**
 * The reference: the same three kinds of match as one query. SQLite has no base64 or URL decoding, so the
 * bench registers `b64text` and `urldecode`; account passwords and names are encoded once in the CTE.
 */
const REF_SQL = `
WITH
  pairs(u, p) AS (VALUES ('username', 'password'), ('user', 'password'), ('postgres_user', 'postgres_password'),
    ('pguser', 'pgpassword'), ('db_user', 'db_password'), ('database_user', 'database_password')),
  acc AS MATERIALIZED (SELECT ta.id, ta.name, ta.password, b64enc(ta.password) AS pw64, b64enc(ta.name) AS name64
    FROM target_accounts ta),
  kv AS MATERIALIZED (SELECT a.id AS sid, j.key, j.value
    FROM accounts a JOIN resources r ON r.id = a.resource_id AND r.type = 'Kubernetes'
    JOIN secret_versions v ON v.id = (SELECT max(id) FROM secret_versions WHERE account_id = a.id)
    JOIN json_each(v.data) j
    WHERE a.state = 'present'),
  url AS (SELECT sid, key, b64text(value) AS t FROM kv WHERE value LIKE 'cG9zdGdyZXM%'),
  url_parts AS (SELECT sid, key, substr(t, instr(t, '://') + 3) AS rest FROM url),
  url_cred AS (SELECT sid, key, substr(rest, 1, instr(rest, '@') - 1) AS cred FROM url_parts WHERE instr(rest, '@') > 0),
  url_hits AS (SELECT c.sid, c.key, acc.id AS aid FROM url_cred c JOIN acc
    ON acc.name = urldecode(substr(c.cred, 1, instr(c.cred, ':') - 1))
    AND acc.password = urldecode(substr(c.cred, instr(c.cred, ':') + 1))),
  value_hits AS (SELECT kv.sid, kv.key, acc.id AS aid FROM kv JOIN acc ON kv.value = acc.pw64),
  name_hits AS (SELECT p.sid, p.key, acc.id AS aid FROM kv p JOIN pairs ON lower(p.key) = pairs.p
    JOIN kv u ON u.sid = p.sid AND lower(u.key) = pairs.u JOIN acc ON acc.name64 = u.value
    UNION SELECT p.sid, p.key, acc.id FROM kv p JOIN acc ON acc.name = 'postgres'
    WHERE lower(p.key) = 'postgres_password' AND NOT EXISTS (SELECT 1 FROM kv u WHERE u.sid = p.sid AND lower(u.key) = 'postgres_user')),
  hits AS (SELECT * FROM value_hits UNION SELECT * FROM name_hits UNION SELECT * FROM url_hits)
SELECT h.sid, h.key, h.aid FROM hits h
WHERE NOT EXISTS (SELECT 1 FROM key_mappings m WHERE m.secret_account_id = h.sid AND m.key = h.key)
  AND NOT EXISTS (SELECT 1 FROM mapping_dismissals d WHERE d.secret_account_id = h.sid AND d.key = h.key AND d.target_account_id = h.aid)`;

function registerSqlHelpers(db: WritableDB): void {
  db.function('b64enc', { deterministic: true }, (s: unknown) => b64(String(s)));
  db.function('b64text', { deterministic: true }, (s: unknown) => Buffer.from(String(s), 'base64').toString('utf8'));
  db.function('urldecode', { deterministic: true }, (s: unknown) => {
    try {
      return decodeURIComponent(String(s));
    } catch {
      return null;
    }
  });
}

/** Accounts user-0…, passwords random; a tenth of the Secrets each hold one account by value, names, URL or the postgres image's keys. */
function seed(db: WritableDB): { name: string; password: string }[] {
  const now = Date.now();
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
    name: i === 0 ? 'postgres' : `user-${i}`,
    password: randomBytes(18).toString('base64url'),
  }));
  db.prepare(
    "INSERT INTO clusters (id, name, server, ca_pem, token, created_at, updated_at) VALUES ('bench', 'bench', 'https://127.0.0.1:1', '', 'bench-placeholder', ?, ?)",
  ).run(now, now);
  db.transaction(() => {
    for (let r = 0; r < RESOURCES; r++) {
      const name = `pg-${r}`;
      addPostgresResource(
        db,
        { name, host: '127.0.0.1', port: 5432, tlsMode: 'disable', adminUser: 'postgres', adminPassword: 'adm' },
        now,
      );
      for (let i = r; i < ACCOUNTS; i += RESOURCES) {
        const a = accounts[i] as { name: string; password: string };
        addTargetAccount(db, name, a.name, a.password, now);
      }
    }
    for (let i = 0; i < N; i++) {
      const namespace = `ns-${i % NAMESPACES}`;
      const resource = repo.ensureResource(db, {
        clusterId: 'bench',
        clusterName: 'bench',
        namespace,
        scope: 'namespace',
        now,
      });
      const a = accounts[(i * 7) % ACCOUNTS] as { name: string; password: string };
      const noise = () => randomBytes(18).toString('base64url');
      const data: Record<string, string> = { host: b64(`db-${i % RESOURCES}.internal`), 'api-token': b64(noise()) };
      switch (i % 10) {
        case 0:
          data.PGPASSWORD = b64(a.password);
          break;
        case 1:
          Object.assign(data, { username: b64(a.name), password: b64(noise()) });
          break;
        case 2:
          data.DATABASE_URL = b64(`postgres://${a.name}:${encodeURIComponent(a.password)}@db:5432/app`);
          break;
        case 3:
          Object.assign(data, { POSTGRES_USER: b64(a.name), POSTGRES_PASSWORD: b64(a.password) });
          break;
        default:
          data.password = b64(noise());
      }
      const secret = { metadata: { name: `s-${i}`, namespace, resourceVersion: '1' }, data };
      repo.writeSecret(db, resource.id, undefined, secret, now);
    }
  })();
  return accounts;
}

async function main(): Promise<void> {
  await withVaultApp('suggest', async (app, must) => {
    const seedStart = performance.now();
    seed(app.vault.db());
    const seedMs = performance.now() - seedStart;
    const ours: number[] = [];
    const oursCpu: number[] = [];
    const ref: number[] = [];
    let oursPairs = new Set<string>();
    let refPairs = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      const cpu = process.cpuUsage();
      const list = await must('mapping:suggest', {});
      ours.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      oursCpu.push((used.user + used.system) / 1000);
      oursPairs = new Set(
        list.map((s) => `${s.from.kubeResource}/${s.from.secret}:${s.from.key}→${s.to.resource}/${s.to.account}`),
      );
      const db = app.vault.db();
      registerSqlHelpers(db);
      t = performance.now();
      const rows = db.prepare(REF_SQL).all() as { sid: number; key: string; aid: number }[];
      ref.push(performance.now() - t);
      const names = (sql: string) =>
        new Map((db.prepare(sql).all() as { id: number; n: string }[]).map((r) => [r.id, r.n] as const));
      const secrets = names(
        "SELECT a.id, r.name || '/' || a.name AS n FROM accounts a JOIN resources r ON r.id = a.resource_id",
      );
      const targets = names(
        "SELECT ta.id, r.name || '/' || ta.name AS n FROM target_accounts ta JOIN resources r ON r.id = ta.resource_id",
      );
      refPairs = new Set(rows.map((r) => `${secrets.get(r.sid)}:${r.key}→${targets.get(r.aid)}`));
    }
    const missing = [...refPairs].filter((p) => !oursPairs.has(p));
    const extra = [...oursPairs].filter((p) => !refPairs.has(p));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(
        `suggestions and reference disagree: ${missing.length} missing, ${extra.length} extra (${[...missing, ...extra].slice(0, 3).join(', ')})`,
      );
    }
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    process.stdout.write(
      [
        `Secrets / accounts:            ${N} / ${ACCOUNTS} (seeded in ${ms(seedMs)})`,
        `suggestions:                   ${oursPairs.size} (the reference finds the same pairs)`,
        `mapping:suggest (median):      ${ms(median(ours))} (goal ≤ 500 ms; max ${ms(Math.max(...ours))})`,
        `  of which CPU time (median):  ${ms(median(oursCpu))} (wall time above includes waiting on a busy machine)`,
        `one SQL query, same matching:  ${ms(median(ref))}`,
        '',
      ].join('\n'),
    );
    report({
      bench: 'suggest',
      n: N,
      accounts: ACCOUNTS,
      ours_s: median(ours) / 1000,
      ref_s: median(ref) / 1000,
      rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
    });
  });
}

await main();
