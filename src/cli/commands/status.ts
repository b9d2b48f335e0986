// `strongroom status`: whether a vault exists and is locked, how it can be unlocked, and where it lives.
import type { Command } from 'commander';
import type { VaultStatus } from '../../shared/ipc/vault';
import type { CliContext } from '../context';

export function describeStatus(s: VaultStatus): string {
  if (s.state === 'uninitialized') return `no vault yet in ${s.dataDir}\ncreate one with: strongroom init`;
  const wraps = [s.wraps.passphrase && 'passphrase', s.wraps.keychain && 'OS keychain'].filter(Boolean).join(', ');
  const keychain = s.keychain.available ? 'available' : `unavailable (${s.keychain.reason ?? 'unknown'})`;
  const lines = [
    `vault: ${s.state}`,
    `data dir: ${s.dataDir}`,
    `unlocks with: ${wraps}`,
    `OS keychain: ${keychain}`,
    `auto-lock: after ${s.autoLockMinutes} min idle`,
  ];
  if (s.failedAttempts > 0) lines.push(`wrong passphrases since last unlock: ${s.failedAttempts}`);
  if (s.retryAfterMs > 0) lines.push(`next passphrase attempt in: ${Math.ceil(s.retryAfterMs / 1000)} s`);
  return lines.join('\n');
}

export function registerStatusCommand(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('show whether the vault exists and is locked, its key wraps and its data dir (--json for scripts)')
    .action(async () => {
      const status = await ctx.call('vault:status', {});
      ctx.print(status, () => describeStatus(status));
    });
}
