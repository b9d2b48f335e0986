// Child process for keychain and crash tests: runs vault steps through app.call with the real OS keychain, one JSON line each.
import { createApp } from '../../../src/main/app';
import { FakeClock } from '../../../src/main/clock';
import { silentLogger } from '../../../src/main/log';

const PASS = process.env.TEST_VAULT_PASSPHRASE ?? 'keychain test passphrase';

async function main(): Promise<void> {
  const [dataDir, ...steps] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: vault-child <dataDir> <step>…');
  // A fixed time (ms) makes back-off waits exact across processes, however slow the machine is.
  const fixed = process.env.TEST_FIXED_CLOCK;
  const clock = fixed ? new FakeClock(Number(fixed)) : undefined;
  const app = await createApp({ dataDir, shell: 'test', log: silentLogger(), clock });
  for (const step of steps) {
    const [verb, arg] = step.split(':');
    const started = performance.now();
    let result: unknown;
    if (verb === 'status') result = await app.call('vault:status', {});
    else if (verb === 'init')
      result = await app.call('vault:init', { passphrase: PASS, useKeychain: arg === 'keychain' });
    else if (verb === 'lock') result = await app.call('vault:lock', {});
    else if (verb === 'unlock' && arg === 'keychain') result = await app.call('vault:unlock', { method: 'keychain' });
    else if (verb === 'unlock' && arg === 'wrong')
      result = await app.call('vault:unlock', { method: 'passphrase', passphrase: `not ${PASS}` });
    else if (verb === 'unlock') result = await app.call('vault:unlock', { method: 'passphrase', passphrase: PASS });
    else if (verb === 'keychain') result = await app.call('vault:setKeychain', { enabled: arg === 'on' });
    else if (verb === 'verify') result = await app.call('audit:verify', {});
    else throw new Error(`unknown step ${step}`);
    const ms = performance.now() - started;
    process.stdout.write(`${JSON.stringify({ step, ms, kdfMs: app.vault.lastKdfMs, result })}\n`);
  }
  await app.close();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(3);
});
