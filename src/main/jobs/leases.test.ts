// Vault locks with a job's lease held: refused with the message, "lock now and pause" pauses then locks, auto-lock waits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import { silentLogger } from '../log';
import { JobRunner } from './runner';

let fx: VaultFixture;
let runner: JobRunner;
const tick = () => new Promise((r) => setTimeout(r, 0));

function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((r) => {
    open = r;
  });
  return { wait, open };
}

/** A rotation-like job: a write-back step that waits for `release`, then a restart step. */
function rotation(release: Promise<void>, ran: string[]) {
  return runner
    .run({ kind: 'rotation', label: 'The rotation of db-password', params: {} }, async (job) => {
      await job.step('write-back', async () => {
        await release;
        ran.push('write-back');
      });
      await job.step('restart', () => ran.push('restart'));
    })
    .catch((error: { code: string }) => error.code);
}

beforeEach(async () => {
  fx = vaultFixture();
  runner = new JobRunner({ vault: fx.vault, clock: fx.clock, log: silentLogger() });
  fx.vault.attachLeases(runner);
  await fx.vault.init({ passphrase: 'correct horse battery', useKeychain: false });
});
afterEach(() => fx.dispose());

describe('vault lock with a lease held', () => {
  it('is refused with a message naming the job, and the vault locks once the job ends', async () => {
    const release = gate();
    const ran: string[] = [];
    const done = rotation(release.wait, ran);
    await tick();
    await expect(fx.vault.requestLock('manual')).rejects.toMatchObject({
      code: 'job_running',
      message: 'The rotation of db-password is running (now: write-back): locking after the rotation finishes.',
    });
    expect(fx.vault.isUnlocked).toBe(true);
    release.open();
    await done;
    expect(ran).toEqual(['write-back', 'restart']);
    expect(fx.vault.isUnlocked).toBe(false);
  });

  it('"lock now and pause" lets the running step finish, skips the next, then locks', async () => {
    const release = gate();
    const ran: string[] = [];
    const done = rotation(release.wait, ran);
    await tick();
    let locked = false;
    const lock = fx.vault.requestLock('manual', { pauseJobs: true }).then(() => (locked = true));
    await tick();
    // Never mid-write: the vault stays open while the write-back step runs.
    expect(locked).toBe(false);
    expect(fx.vault.isUnlocked).toBe(true);
    release.open();
    await lock;
    expect(await done).toBe('cancelled');
    expect(ran).toEqual(['write-back']);
    expect(fx.vault.isUnlocked).toBe(false);
    await fx.vault.unlock({ method: 'passphrase', passphrase: 'correct horse battery' });
    expect(runner.list().map((j) => j.state)).toEqual(['paused']);
  });

  it('idle auto-lock waits while a job runs, and counts from the job end', async () => {
    const release = gate();
    const done = rotation(release.wait, []);
    await tick();
    fx.clock.advance(60 * 60_000);
    expect(fx.vault.isUnlocked).toBe(true);
    release.open();
    await done;
    fx.clock.advance(14 * 60_000);
    expect(fx.vault.isUnlocked).toBe(true);
    fx.clock.advance(60_000 + 1);
    expect(fx.vault.isUnlocked).toBe(false);
  });

  it('locks at once when no job runs', async () => {
    await fx.vault.requestLock('manual');
    expect(fx.vault.isUnlocked).toBe(false);
  });
});
