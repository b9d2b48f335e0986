// The PostgreSQL rotator against a real throwaway server: quoted roles, verified logins, refusals and an unreachable server.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassword } from '../../src/main/rotation/password-policy';
import { postgresRotator } from '../../src/main/rotation/postgres-rotator';
import type { RotationTarget } from '../../src/main/rotation/rotator';
import { startTestPostgres, type TestPostgres } from '../support/postgres';

let server: TestPostgres;
let target: RotationTarget;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.adminUser,
    password: server.adminPassword,
    database: 'postgres',
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createRole(name: string, password: string, extra = ''): Promise<void> {
  await admin(async (c) => {
    await c.query(`CREATE ROLE ${c.escapeIdentifier(name)} LOGIN ${extra} PASSWORD ${c.escapeLiteral(password)}`);
  });
}

const policy = { length: 24, classes: ['lower', 'upper', 'digit', 'symbol'] as const, excluded: '' };

beforeAll(async () => {
  server = await startTestPostgres();
  target = {
    host: server.host,
    port: server.port,
    tlsMode: 'disable',
    adminUser: server.adminUser,
    adminPassword: server.adminPassword,
  };
});

afterAll(async () => {
  await server?.close();
});

describe('postgresRotator', () => {
  it('changes the password of a role whose name needs quoting; the new one logs in and the old one is refused', async () => {
    const role = 'app "svc"; DROP ROLE postgres; --';
    const oldPassword = 'old-Password-1';
    await createRole(role, oldPassword);
    const newPassword = generatePassword({ ...policy, classes: [...policy.classes] });

    await postgresRotator.changePassword(target, role, newPassword);

    await expect(postgresRotator.verifyLogin(target, role, newPassword)).resolves.toBeUndefined();
    await expect(postgresRotator.verifyLogin(target, role, oldPassword)).rejects.toMatchObject({
      code: 'unauthorized',
    });
    const stored = await admin(
      async (c) => (await c.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows[0],
    );
    expect(stored.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect(stored.rolpassword).not.toContain(newPassword);
    const superuserStillThere = await admin(
      async (c) => (await c.query("SELECT 1 FROM pg_roles WHERE rolname = 'postgres'")).rowCount,
    );
    expect(superuserStillThere).toBe(1);
  });

  it('answers not_found for a role that does not exist', async () => {
    await expect(postgresRotator.changePassword(target, 'no_such_role', 'Whatever-12345')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('answers forbidden when the admin account may not change another role', async () => {
    await createRole('weak_admin', 'weak-Admin-123');
    await createRole('victim', 'victim-Pass-123');
    const weak = { ...target, adminUser: 'weak_admin', adminPassword: 'weak-Admin-123' };
    await expect(postgresRotator.changePassword(weak, 'victim', 'Another-Pass-123')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(postgresRotator.verifyLogin(target, 'victim', 'victim-Pass-123')).resolves.toBeUndefined();
  });

  it('answers unauthorized with a wrong admin password, and no message carries a password', async () => {
    const wrong = { ...target, adminPassword: 'not-the-admin-pw' };
    const error = await postgresRotator.changePassword(wrong, 'victim', 'Secret-New-Pass-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized' });
    const text = `${(error as Error).message} ${(error as { fix?: string }).fix}`;
    expect(text).not.toContain('not-the-admin-pw');
    expect(text).not.toContain('Secret-New-Pass-1');
  });

  it('answers unreachable while the server is down and leaves the password as it was', async () => {
    await createRole('steady', 'steady-Pass-123');
    await server.stop();
    try {
      await expect(postgresRotator.changePassword(target, 'steady', 'Never-Applied-123')).rejects.toMatchObject({
        code: 'unreachable',
      });
    } finally {
      await server.start();
    }
    await expect(postgresRotator.verifyLogin(target, 'steady', 'steady-Pass-123')).resolves.toBeUndefined();
    await expect(postgresRotator.verifyLogin(target, 'steady', 'Never-Applied-123')).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });
});
