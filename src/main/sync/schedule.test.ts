// Sync schedules: presets and cron checked, next run shown while unlocked, runs skipped while locked, outcomes kept.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { testClusterId } from '../../../test/support/ids';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import type { SyncReport } from '../../shared/ipc/sync';
import { silentLogger } from '../log';
import { SyncScheduler } from './schedule';

let fx: VaultFixture;
let runs: string[];
let scheduler: SyncScheduler;
let failed = 0;

beforeEach(async () => {
  fx = vaultFixture();
  await fx.vault.init({ passphrase: 'schedule test passphrase', useKeychain: false });
  runs = [];
  failed = 0;
  const sync = {
    sync: async (req: { clusterId: string }) => {
      runs.push(req.clusterId);
      return { totals: { added: 0, changed: 0, deleted: 0, unchanged: 0, failed } } as SyncReport;
    },
  };
  scheduler = new SyncScheduler(fx.vault, sync, fx.audit, fx.clock, silentLogger());
});

afterEach(() => {
  scheduler.stopAll();
  fx.dispose();
});

it('stores a preset as its cron expression and shows when it runs next', () => {
  const s = scheduler.set(testClusterId('c1'), { preset: 'every-6-hours' }, true);
  expect(s).toMatchObject({ cron: '0 */6 * * *', preset: 'every-6-hours', enabled: true });
  expect(s.nextRun).toBeGreaterThan(Date.now());
  expect(s.nextRun).toBeLessThanOrEqual(Date.now() + 6 * 3600_000);
});

it('refuses a malformed cron expression with invalid_input', () => {
  expect(() => scheduler.set(testClusterId('c1'), { cron: 'every tuesday' }, true)).toThrow(
    expect.objectContaining({ code: 'invalid_input' }),
  );
});

it('has no next run when disabled or cleared', () => {
  expect(scheduler.set(testClusterId('c1'), { cron: '*/5 * * * *' }, false).nextRun).toBeNull();
  expect(scheduler.set(testClusterId('c1'), null, true)).toMatchObject({ cron: null, nextRun: null });
});

it('a scheduled run syncs and records its outcome; while locked it is skipped', async () => {
  scheduler.set(testClusterId('c1'), { preset: 'hourly' }, true);
  failed = 1;
  await scheduler.tick(testClusterId('c1'));
  expect(runs).toEqual(['c1']);
  expect(scheduler.get(testClusterId('c1'))).toMatchObject({ lastOutcome: 'partial', lastRun: fx.clock.now() });
  fx.vault.lock('manual');
  await scheduler.tick(testClusterId('c1'));
  expect(runs).toEqual(['c1']);
});

it('re-arms saved schedules after the vault is locked and unlocked again', async () => {
  scheduler.set(testClusterId('c1'), { preset: 'daily' }, true);
  fx.vault.lock('manual');
  await fx.vault.unlock({ method: 'passphrase', passphrase: 'schedule test passphrase' });
  expect(scheduler.get(testClusterId('c1')).nextRun).not.toBeNull();
});
