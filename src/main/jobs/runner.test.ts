// The job runner: each step journalled before and after, crash → interrupted after reopening, pause at a safe step, cancel, run again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VaultFixture, vaultFixture } from '../../../test/support/vault-fixture';
import type { AppError } from '../../shared/errors';
import { silentLogger } from '../log';
import { JobJournal } from './journal';
import { type JobControl, JobRunner } from './runner';

const PASS = 'correct horse battery';
let fx: VaultFixture;
let runner: JobRunner;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A step that runs until the job's signal aborts it. */
function aborted(job: JobControl): Promise<never> {
  return new Promise((_, reject) =>
    job.signal.addEventListener('abort', () => reject(job.signal.reason), { once: true }),
  );
}

const journal = () => new JobJournal(() => fx.vault.db());
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(async () => {
  fx = vaultFixture();
  runner = new JobRunner({ vault: fx.vault, clock: fx.clock, log: silentLogger() });
  await fx.vault.init({ passphrase: PASS, useKeychain: false });
});
afterEach(() => fx.dispose());

describe('JobRunner', () => {
  it('journals each step as running before it runs and as done after, with its parameters', async () => {
    const seen: string[] = [];
    const result = await runner.run(
      { kind: 'fetch', label: 'The fetch of c1', params: { clusterId: 'c1' } },
      async (job) => {
        await job.step(
          'plan',
          () => {
            seen.push(
              journal()
                .steps(job.id)
                .map((s) => `${s.step}:${s.state}`)
                .join(','),
            );
            seen.push(journal().get(job.id)?.state ?? '');
          },
          { namespaces: 2 },
        );
        await job.step('write', () => {
          seen.push(
            journal()
              .steps(job.id)
              .map((s) => `${s.step}:${s.state}`)
              .join(','),
          );
        });
        job.relabel('The fetch of cluster prod');
        return job.id;
      },
    );
    expect(seen).toEqual(['plan:running', 'running', 'plan:done,write:running']);
    const steps = journal().steps(result);
    expect(steps.map((s) => [s.step, s.state, s.params])).toEqual([
      ['plan', 'done', { namespaces: 2 }],
      ['write', 'done', {}],
    ]);
    expect(steps.every((s) => s.finishedAt !== null)).toBe(true);
    expect(runner.list()).toMatchObject([
      {
        id: result,
        kind: 'fetch',
        label: 'The fetch of cluster prod',
        state: 'done',
        step: 'write',
        params: { clusterId: 'c1' },
        resumable: false,
      },
    ]);
  });

  it('a job cut mid-step by a crash is listed as interrupted once the vault is reopened and unlocked', async () => {
    const hang = deferred();
    let id = '';
    void runner.run({ kind: 'fetch', label: 'The fetch of c1', params: { clusterId: 'c1' } }, async (job) => {
      id = job.id;
      await job.step('write', () => hang.promise);
    });
    await tick();
    // A second process over the same files, as after a crash: the first never wrote the step's end.
    const restarted = fx.reopen();
    const second = new JobRunner({ vault: restarted.vault, clock: fx.clock, log: silentLogger() });
    second.onResume('fetch', () => 'new-job');
    await restarted.vault.unlock({ method: 'passphrase', passphrase: PASS });
    const interrupted = second.list({ state: 'interrupted' });
    expect(interrupted).toMatchObject([{ id, kind: 'fetch', step: 'write', resumable: true }]);
    expect(new JobJournal(() => restarted.vault.db()).steps(id).map((s) => s.state)).toEqual(['running']);
    hang.resolve();
  });

  it('does not mark as interrupted a job that another live process runs', async () => {
    const hang = deferred();
    void runner.run({ kind: 'sync', label: 'x', params: {} }, (job) => job.step('write', () => hang.promise));
    await tick();
    fx.vault.db().prepare('UPDATE jobs SET owner_pid = 424242').run();
    const restarted = fx.reopen();
    const second = new JobRunner({
      vault: restarted.vault,
      clock: fx.clock,
      log: silentLogger(),
      isProcessAlive: (pid) => pid === 424242,
    });
    await restarted.vault.unlock({ method: 'passphrase', passphrase: PASS });
    expect(second.list().map((j) => j.state)).toEqual(['running']);
    hang.resolve();
  });

  it('pauses at the next safe step: the running step ends, the next never starts', async () => {
    const inStep = deferred();
    const release = deferred();
    const ran: string[] = [];
    const done = runner.run({ kind: 'rotation', label: 'r', params: {} }, async (job) => {
      await job.step('write-back', async () => {
        inStep.resolve();
        await release.promise;
        ran.push('write-back finished');
      });
      await job.step('restart', () => ran.push('restart'));
    });
    const failed = done.catch((e: AppError) => e.code);
    await inStep.promise;
    const paused = runner.pauseAll();
    expect(runner.list()[0]?.state).toBe('pausing');
    let settled = false;
    void paused.then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    release.resolve();
    await paused;
    expect(ran).toEqual(['write-back finished']);
    expect(await failed).toBe('cancelled');
    const [job] = runner.list();
    expect(job?.state).toBe('paused');
    expect(
      journal()
        .steps(job?.id ?? '')
        .map((s) => `${s.step}:${s.state}`),
    ).toEqual(['write-back:paused']);
  });

  it('cancel aborts the job signal; the job ends cancelled and its lease is released', async () => {
    let released = 0;
    runner.onRelease(() => released++);
    const done = runner.run({ kind: 'sync', label: 's', params: {}, id: 'job-1' }, (job) =>
      job.step('write', () => aborted(job)),
    );
    await tick();
    expect(runner.held()).toEqual([{ id: 'job-1', kind: 'sync', label: 's', step: 'write' }]);
    expect(runner.cancel('job-1')).toBe(true);
    await expect(done).rejects.toMatchObject({ code: 'cancelled' });
    expect(runner.list()[0]).toMatchObject({ id: 'job-1', state: 'cancelled', errorCode: 'cancelled' });
    expect(runner.held()).toEqual([]);
    expect(released).toBe(1);
    expect(runner.cancel('job-1')).toBe(false);
  });

  it('refuses a second job with the id of a running one', async () => {
    const hang = deferred();
    void runner.run({ kind: 'sync', label: 's', params: {}, id: 'same' }, () => hang.promise);
    await expect(runner.run({ kind: 'sync', label: 's', params: {}, id: 'same' }, async () => 1)).rejects.toMatchObject(
      {
        code: 'conflict',
      },
    );
    hang.resolve();
  });

  it('runs an interrupted job again through its kind handler, and dismisses another', async () => {
    const calls: unknown[] = [];
    runner.onResume('fetch', (job) => {
      calls.push(job.params);
      return 'fresh';
    });
    for (const id of ['a', 'b']) {
      runner
        .run({ kind: 'fetch', label: 'f', params: { clusterId: id }, id }, (job) =>
          job.step('write', () => aborted(job)),
        )
        .catch(() => undefined);
    }
    await tick();
    // A hard lock (shutdown, OS suspend) cuts the jobs: their end cannot be journalled any more.
    fx.vault.lock('shutdown');
    await tick();
    await fx.vault.unlock({ method: 'passphrase', passphrase: PASS });
    expect(
      runner
        .list({ state: 'interrupted' })
        .map((j) => j.id)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(await runner.resume('a')).toEqual({ jobId: 'fresh' });
    expect(calls).toEqual([{ clusterId: 'a' }]);
    expect(runner.dismiss('b').state).toBe('dismissed');
    expect(
      runner
        .list()
        .map((j) => [j.id, j.state])
        .sort(),
    ).toEqual([
      ['a', 'resumed'],
      ['b', 'dismissed'],
    ]);
    await expect(runner.resume('a')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('journals a long list of parameters as its length, never the whole payload', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => `secret-${i}`);
    await runner.run({ kind: 'fetch', label: 'f', params: { clusterId: 'c', secrets: names } }, async () => 0);
    expect(runner.list()[0]?.params).toEqual({ truncated: true, clusterId: 'c', secretsCount: 2000 });
  });
});
