// IPC handlers of the vault channels; every state change is audited through the one helper.
import type { AuditSink } from '../../shared/audit-catalog';
import type { Handlers } from '../ipc/dispatch';
import type { VaultService } from './service';

type VaultChannel =
  | 'vault:status'
  | 'vault:init'
  | 'vault:unlock'
  | 'vault:lock'
  | 'vault:changePassphrase'
  | 'vault:setKeychain'
  | 'vault:setAutoLock';

export function vaultHandlers(vault: VaultService, audit: AuditSink): Pick<Handlers, VaultChannel> {
  return {
    'vault:status': () => vault.status(),
    'vault:init': (input) =>
      audit.run('vault.init', 'vault', () => vault.init(input), {
        requested: [input.passphrase !== undefined && 'passphrase', input.useKeychain && 'keychain'].filter(Boolean),
      }),
    // A failed attempt happens while locked: the audit log journals it and appends it after the next unlock.
    'vault:unlock': (input) => audit.run('vault.unlock', 'vault', () => vault.unlock(input), { method: input.method }),
    // Every lock, whatever its reason, is recorded by the audit log's lock hook. Running jobs hold it off.
    'vault:lock': ({ pauseJobs }) => vault.requestLock('manual', { pauseJobs }),
    'vault:changePassphrase': (input) =>
      audit.run('vault.change_passphrase', 'vault', () => vault.changePassphrase(input), {
        change: input.next === null ? 'removed' : 'set',
      }),
    'vault:setKeychain': ({ enabled }) =>
      audit.run('vault.set_keychain', 'vault', () => vault.setKeychain(enabled), { enabled }),
    'vault:setAutoLock': ({ minutes }) =>
      audit.run('vault.set_auto_lock', 'vault', () => vault.setAutoLock(minutes), { minutes }),
  };
}
