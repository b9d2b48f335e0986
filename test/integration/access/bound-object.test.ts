// A session token is bound to a per-session Secret: the Secret lives as long as the session, and the token is refused once it ends.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { boundObjectName } from '../../../src/main/access/bound-object';
import { reviewStatus, statusOnceRefused } from '../../support/token-refused';
import { type AccessHarness, accessHarness } from './harness';

/** Tokens the session minted, observed on their way out of the real mintToken (they are nowhere else to see). */
const minted: string[] = [];
vi.mock('../../../src/main/access/token-request', async (original) => {
  const real = await original<typeof import('../../../src/main/access/token-request')>();
  return {
    ...real,
    mintToken: async (...args: Parameters<typeof real.mintToken>) => {
      const out = await real.mintToken(...args);
      minted.push(out.token);
      return out;
    },
  };
});

let h: AccessHarness;

beforeAll(async () => {
  h = await accessHarness();
});

afterAll(async () => {
  await h?.close();
});

it('deletes the session Secret at the end, and the minted token is refused from then on', async () => {
  const s = await h.value('access:start', { clusterId: h.clusterId, account: 'edit', ttlMs: 600_000, reason: 'bound' });
  const secret = boundObjectName(s.session.id);
  expect(await h.admin(['-n', h.saNamespace, 'get', 'secret', secret, '-o', 'name'])).toContain(secret);
  const token = minted.at(-1) ?? '';
  expect(token).not.toBe('');
  expect(await reviewStatus(h.cluster, token)).toBe(200);
  await h.value('access:end', { id: s.session.id });
  const gone = await h.cluster.kubectl(['-n', h.saNamespace, 'get', 'secret', secret]);
  expect(gone.stderr).toContain('NotFound');
  expect(await statusOnceRefused(h.cluster, token)).toBe(401);
}, 60_000);

it('without rights to create the session Secret, the session still starts, with an unbound token', async () => {
  // The Role of the setup YAML's access accounts, the only Role in that namespace.
  const role = (await h.admin(['-n', h.saNamespace, 'get', 'role', '-o', 'name'])).trim();
  expect(role).toMatch(/access-tokens$/);
  await h.admin(['-n', h.saNamespace, 'patch', role, '--type=json', '-p', dropSecretRule]);
  // A real API server's RBAC informer may take a moment to see the patch.
  const canCreate = () =>
    h.cluster
      .kubectl(['auth', 'can-i', 'create', 'secrets', '-n', h.saNamespace, '--as', strongroomAccount()])
      .then((r) => r.stdout.trim());
  await expect.poll(canCreate, { timeout: 10_000 }).toBe('no');
  try {
    const s = await h.value('access:start', { clusterId: h.clusterId, account: 'edit', ttlMs: 600_000, reason: 'x' });
    const r = await h.cluster.kubectl(['-n', h.saNamespace, 'get', 'secret', boundObjectName(s.session.id)]);
    expect(r.stderr).toContain('NotFound');
    expect(await reviewStatus(h.cluster, minted.at(-1) ?? '')).toBe(200);
    await h.value('access:end', { id: s.session.id });
    // Nothing to delete: the token lives until it expires.
    expect(await reviewStatus(h.cluster, minted.at(-1) ?? '')).toBe(200);
  } finally {
    await h.admin(['-n', h.saNamespace, 'patch', role, '--type=json', '-p', restoreSecretRule]);
  }
}, 60_000);

function strongroomAccount(): string {
  return `system:serviceaccount:${h.saNamespace}:strongroom`;
}
const dropSecretRule = JSON.stringify([{ op: 'remove', path: '/rules/1' }]);
const restoreSecretRule = JSON.stringify([
  { op: 'add', path: '/rules/1', value: { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete'] } },
]);
