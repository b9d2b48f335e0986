// The rotation journal's logic against an in-memory rotator: resume finds which password the target accepts, roll back restores the old one.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import { AppError } from '../../shared/errors';
import { JobRunner } from '../jobs/runner';
import { silentLogger } from '../log';
import { RotationService } from './rotation-service';
import { getRotation, listRotations } from './rotation-store';
import type { Rotator } from './rotator';
import { addPostgresResource, addTargetAccount, rotationSubject } from './target-store';

/** A target holding one password per account; `down` makes it unreachable. */
class MemoryRotator implements Rotator {
  readonly kind = 'postgresql';
  passwords = new Map<string, string>();
  down = false;
  changes = 0;
  async changePassword(_t: unknown, account: string, password: string): Promise<void> {
    if (this.down) throw new AppError('unreachable', 'down');
    this.changes++;
    this.passwords.set(account, password);
  }
  async verifyLogin(_t: unknown, account: string, password: string): Promise<void> {
    if (this.down) throw new AppError('unreachable', 'down');
    if (this.passwords.get(account) !== password) throw new AppError('unauthorized', 'refused');
  }
}

const OLD = 'old-unit-password';
let fx: VaultFixture;
let rotator: MemoryRotator;
let jobs: JobRunner;
let stopAfter: string | undefined;

function service(): RotationService {
  return new RotationService({
    vault: fx.vault,
    audit: fx.audit,
    jobs,
    clock: fx.clock,
    clusters: {
      kubeConfig: () => Promise.reject(new Error('no cluster in unit tests')),
      describe: () => undefined as never,
    },
    rotators: [rotator],
    // Stands in for a crash right after a step: the run ends there, journalled as failed.
    afterStep: async (step) => {
      if (step === stopAfter) throw new Error(`stopped after ${step}`);
    },
  });
}

beforeEach(async () => {
  fx = vaultFixture();
  await fx.vault.init({ passphrase: 'unit passphrase', useKeychain: false });
  jobs = new JobRunner({ vault: fx.vault, clock: fx.clock, log: silentLogger() });
  rotator = new MemoryRotator();
  rotator.passwords.set('app', OLD);
  stopAfter = undefined;
  const db = fx.vault.db();
  addPostgresResource(
    db,
    { name: 'db', host: 'h', port: 5432, tlsMode: 'disable', adminUser: 'a', adminPassword: 'p' },
    fx.clock.now(),
  );
  addTargetAccount(db, 'db', 'app', OLD, fx.clock.now());
});
afterEach(() => fx.dispose());

const held = () => rotationSubject(fx.vault.db(), 'db', 'app').password;

it('resume after the change: the target already takes the new password, so it is verified and kept, not changed again', async () => {
  const rotation = service();
  stopAfter = 'change';
  await expect(rotation.rotate('db', 'app', { restart: false })).rejects.toThrow(/stopped after change/);
  const [cut] = listRotations(fx.vault.db());
  expect(cut).toMatchObject({ state: 'failed', step: 'change' });
  const fresh = rotator.passwords.get('app');
  expect(fresh).not.toBe(OLD);
  expect(held()).toBe(OLD);
  stopAfter = undefined;
  const done = await rotation.resume(cut?.id ?? '');
  expect(done.rotationId).toBe(cut?.id);
  expect(rotator.changes).toBe(1);
  expect(rotator.passwords.get('app')).toBe(fresh);
  expect(held()).toBe(fresh);
  expect(getRotation(fx.vault.db(), cut?.id ?? '')).toMatchObject({ state: 'completed', oldPassword: OLD });
});

it('resume when the change never happened: the target still takes the old password, so it is changed then verified', async () => {
  const rotation = service();
  rotator.down = true;
  await expect(rotation.rotate('db', 'app', { restart: false })).rejects.toMatchObject({ code: 'unreachable' });
  expect(rotator.passwords.get('app')).toBe(OLD);
  rotator.down = false;
  const [failed] = listRotations(fx.vault.db());
  await rotation.resume(failed?.id ?? '');
  expect(rotator.passwords.get('app')).not.toBe(OLD);
  expect(held()).toBe(rotator.passwords.get('app'));
});

it('a target that takes neither password is a conflict, and nothing is changed', async () => {
  const rotation = service();
  stopAfter = 'change';
  await expect(rotation.rotate('db', 'app', { restart: false })).rejects.toThrow();
  rotator.passwords.set('app', 'set-by-someone-else');
  stopAfter = undefined;
  const [cut] = listRotations(fx.vault.db());
  await expect(rotation.resume(cut?.id ?? '')).rejects.toMatchObject({ code: 'conflict' });
  expect(rotator.passwords.get('app')).toBe('set-by-someone-else');
});

it('refuses a new rotation while one has not ended, and rolls a completed one back to the old password', async () => {
  const rotation = service();
  stopAfter = 'verify';
  await expect(rotation.rotate('db', 'app', { restart: false })).rejects.toThrow();
  await expect(rotation.rotate('db', 'app', { restart: false })).rejects.toMatchObject({ code: 'conflict' });
  const [open] = listRotations(fx.vault.db());
  stopAfter = undefined;
  await rotation.resume(open?.id ?? '');
  await rotation.rollback(open?.id ?? '', false);
  expect(rotator.passwords.get('app')).toBe(OLD);
  expect(held()).toBe(OLD);
  const after = getRotation(fx.vault.db(), open?.id ?? '');
  expect(after).toMatchObject({ state: 'rolled_back', oldPassword: null, newPassword: null });
  await expect(rotation.rollback(open?.id ?? '', false)).rejects.toMatchObject({ code: 'invalid_input' });
});

it('a newer rotation makes the older one forget its passwords: only the newest can roll back', async () => {
  const rotation = service();
  const first = await rotation.rotate('db', 'app', { restart: false });
  await rotation.rotate('db', 'app', { restart: false });
  expect(getRotation(fx.vault.db(), first.rotationId)).toMatchObject({ oldPassword: null, newPassword: null });
  await expect(rotation.rollback(first.rotationId, false)).rejects.toMatchObject({ code: 'invalid_input' });
});
