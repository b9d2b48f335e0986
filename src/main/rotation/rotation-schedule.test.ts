// Rotation schedules: a bad cron is the user's error, a saved one is audited and shown with its next run, a tick rotates and records the outcome.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import { AppError } from '../../shared/errors';
import { silentLogger } from '../log';
import { RotationScheduler } from './rotation-schedule';
import { addPostgresResource, addTargetAccount, targetAccountId } from './target-store';

let fx: VaultFixture;
const rotated: string[] = [];
let fail = false;

function scheduler(): RotationScheduler {
  const rotation = {
    rotate: async (resource: string, account: string, o: { restart: boolean }) => {
      rotated.push(`${resource}/${account} restart=${o.restart}`);
      if (fail) throw new AppError('unreachable', 'down');
      return undefined as never;
    },
  };
  // runs=false: nothing is armed, so the test drives ticks itself.
  return new RotationScheduler(fx.vault, rotation, fx.audit, fx.clock, silentLogger(), false);
}

beforeEach(async () => {
  fx = vaultFixture();
  await fx.vault.init({ passphrase: 'unit passphrase', useKeychain: false });
  addPostgresResource(
    fx.vault.db(),
    { name: 'db', host: 'h', port: 5432, tlsMode: 'disable', adminUser: 'a', adminPassword: 'p' },
    fx.clock.now(),
  );
  addTargetAccount(fx.vault.db(), 'db', 'app', 'pw', fx.clock.now());
  rotated.length = 0;
  fail = false;
});
afterEach(() => fx.dispose());

it('refuses a bad cron expression and an unknown account, and audits a saved schedule', async () => {
  const s = scheduler();
  expect(() => s.set('db', 'app', { cron: 'every tuesday', enabled: true, restart: true })).toThrow(
    expect.objectContaining({ code: 'invalid_input' }),
  );
  expect(() => s.set('db', 'nobody', { cron: '0 3 * * *', enabled: true, restart: true })).toThrow(
    expect.objectContaining({ code: 'not_found' }),
  );
  const saved = s.set('db', 'app', { cron: '0 3 * * *', enabled: true, restart: false });
  expect(saved).toMatchObject({ cron: '0 3 * * *', enabled: true, restart: false });
  expect(saved?.nextRun).toBeGreaterThan(Date.now());
  const { events } = fx.audit.list({ action: 'rotation.schedule', limit: 10 });
  expect(JSON.stringify(events)).toContain('account db/app');
  expect(s.set('db', 'app', { cron: null, enabled: true, restart: true })).toBeNull();
});

it('a tick rotates with the schedule restart option and records the outcome', async () => {
  const s = scheduler();
  s.set('db', 'app', { cron: '0 3 * * *', enabled: true, restart: false });
  const id = targetAccountId(fx.vault.db(), 'db', 'app');
  await s.tick(id);
  expect(rotated).toEqual(['db/app restart=false']);
  expect(s.byAccountId(id)).toMatchObject({ lastOutcome: 'ok', lastRun: fx.clock.now() });
  fail = true;
  await s.tick(id);
  expect(s.byAccountId(id)).toMatchObject({ lastOutcome: 'unreachable' });
});
