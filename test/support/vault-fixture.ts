// Builds a vault (and its audit log) in a temp dir with a fake clock and an in-memory keychain, for unit tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../src/main/audit/service';
import { FakeClock } from '../../src/main/clock';
import { silentLogger } from '../../src/main/log';
import { MemoryKeyStore } from '../../src/main/vault/keystore';
import { VaultService } from '../../src/main/vault/service';

export interface VaultFixture {
  dir: string;
  clock: FakeClock;
  keyStore: MemoryKeyStore;
  vault: VaultService;
  audit: AuditLog;
  /** A second service over the same files, as after a restart. */
  reopen(): { vault: VaultService; audit: AuditLog };
  dispose(): void;
}

export function vaultFixture(): VaultFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-vault-'));
  const clock = new FakeClock();
  const keyStore = new MemoryKeyStore();
  const make = () => {
    const vault = new VaultService({ dataDir: dir, clock, log: silentLogger(), keyStore });
    const audit = new AuditLog({ vault, clock, log: silentLogger(), actor: 'tester' });
    return { vault, audit };
  };
  const first = make();
  const opened = [first.vault];
  return {
    dir,
    clock,
    keyStore,
    ...first,
    reopen() {
      const next = make();
      opened.push(next.vault);
      return next;
    },
    dispose() {
      for (const v of opened) v.lock('shutdown');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
