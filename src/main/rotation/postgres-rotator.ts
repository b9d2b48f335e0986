// The PostgreSQL rotator: ALTER ROLE with a quoted identifier and a SCRAM verifier, then a real login to verify.
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type { RotationTarget, Rotator } from './rotator';
import { scramSha256Verifier } from './scram-verifier';

const CONNECT_TIMEOUT_MS = 10_000;

function sslOption(target: RotationTarget): pg.ClientConfig['ssl'] {
  if (target.tlsMode === 'disable') return false;
  if (target.tlsMode === 'require') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ca: target.caPem, servername: target.host };
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Turns a driver or network error into an AppError naming the server and user, never a password. */
export function postgresError(error: unknown, where: string, user: string): AppError {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const cause = { cause: error };
  if (code === '28P01' || code === '28000')
    return new AppError(
      'unauthorized',
      `PostgreSQL at ${where} refused the password of "${user}".`,
      "Check the account's stored password.",
      cause,
    );
  if (code === '42501')
    return new AppError(
      'forbidden',
      `"${user}" at ${where} may not change that role's password.`,
      'Give the admin account CREATEROLE (or use a superuser).',
      cause,
    );
  if (code === '42704')
    return new AppError(
      'not_found',
      `PostgreSQL at ${where} has no such role.`,
      'Check the account name, or create the role first.',
      cause,
    );
  if (TLS_CODES.has(code) || /SSL|TLS|certificate/i.test(message))
    return new AppError('tls', `TLS to PostgreSQL at ${where} failed.`, 'Check the TLS mode and the CA.', cause);
  if (/timeout/i.test(message) || code === 'ETIMEDOUT')
    return new AppError(
      'timeout',
      `PostgreSQL at ${where} did not answer in time.`,
      'Check the host, port and network.',
      cause,
    );
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNRESET', '57P01', '57P03'].includes(code))
    return new AppError(
      'unreachable',
      `PostgreSQL at ${where} cannot be reached.`,
      'Check that the server is running and the host and port are right.',
      cause,
    );
  return new AppError('internal', `PostgreSQL at ${where} failed (${code || 'unknown error'}).`, undefined, cause);
}

async function withClient<T>(
  target: RotationTarget,
  user: string,
  password: string,
  fn: (c: pg.Client) => Promise<T>,
): Promise<T> {
  const where = `${target.host}:${target.port}`;
  // Loaded on first use: only a rotation needs the PostgreSQL client, never a fetch or a sync.
  const { default: Pg } = await import('pg');
  const client = new Pg.Client({
    host: target.host,
    port: target.port,
    database: target.database ?? 'postgres',
    user,
    password,
    ssl: sslOption(target),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An error after connect (server shut down) must not crash the process; the query rejects too.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await fn(client);
  } catch (error) {
    throw postgresError(error, where, user);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const postgresRotator: Rotator = {
  kind: 'postgresql',

  async changePassword(target, account, newPassword) {
    await withClient(target, target.adminUser, target.adminPassword, async (client) => {
      // ALTER ROLE takes no bind parameters: the role is a quoted identifier and the password a
      // SCRAM verifier literal, so the clear password is never sent nor written to a server log.
      const verifier = client.escapeLiteral(scramSha256Verifier(newPassword));
      await client.query(`ALTER ROLE ${client.escapeIdentifier(account)} PASSWORD ${verifier}`);
    });
  },

  async verifyLogin(target, account, password) {
    const who = await withClient(target, account, password, async (client) => {
      const result = await client.query<{ user: string }>('SELECT current_user AS "user"');
      return result.rows[0]?.user;
    });
    if (who !== account) throw new Error(`logged in as ${String(who)} instead of the account being verified`);
  },
};
