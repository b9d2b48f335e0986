// Vault state in the renderer: status, first-run setup, unlock and lock, kept in step with main's events.
import { create } from 'zustand';
import type { ErrorData } from '../../shared/errors';
import type { VaultStatus } from '../../shared/ipc/vault';
import { call, subscribe } from '../client';

interface VaultStore {
  status: VaultStatus | undefined;
  error: ErrorData | undefined;
  busy: boolean;
  refresh(): Promise<void>;
  init(input: { passphrase?: string; useKeychain: boolean }): Promise<ErrorData[] | undefined>;
  unlock(input: { method: 'passphrase'; passphrase: string } | { method: 'keychain' }): Promise<boolean>;
  /** Set while a lock waits for running jobs (main said `vault:lockDeferred`); the lease dialog shows it. */
  lockDeferred: { message: string; fix?: string } | undefined;
  lock(options?: { pauseJobs?: boolean }): Promise<void>;
  closeLockDialog(): void;
  apply(status: VaultStatus): void;
  clearError(): void;
}

export const useVault = create<VaultStore>((set, get) => ({
  status: undefined,
  error: undefined,
  busy: false,
  lockDeferred: undefined,
  async refresh() {
    const result = await call('vault:status', {});
    if (result.ok) set({ status: result.value });
    else set({ error: result.error });
  },
  async init(input) {
    set({ busy: true, error: undefined });
    const result = await call('vault:init', input);
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error });
      return undefined;
    }
    set({ status: result.value.status });
    return result.value.warnings;
  },
  async unlock(input) {
    set({ busy: true, error: undefined });
    const result = await call('vault:unlock', input);
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error });
      await get().refresh();
      return false;
    }
    set({ status: result.value });
    return true;
  },
  async lock(options = {}) {
    const result = await call('vault:lock', options);
    if (result.ok) set({ status: result.value, lockDeferred: undefined });
    // With jobs running the answer is `job_running`; the dialog also hears it as `vault:lockDeferred`.
    else if (result.error.code === 'job_running')
      set({ lockDeferred: { message: result.error.message, ...(result.error.fix ? { fix: result.error.fix } : {}) } });
  },
  closeLockDialog: () => set({ lockDeferred: undefined }),
  apply: (status) => set({ status }),
  clearError: () => set({ error: undefined }),
}));

/** Follows main's lock/unlock events, e.g. auto-lock after idle time or OS suspend. */
export function followVaultEvents(): () => void {
  const offLocked = subscribe('vault:locked', () => {
    useVault.setState({ lockDeferred: undefined });
    void useVault.getState().refresh();
  });
  const offUnlocked = subscribe('vault:unlocked', () => void useVault.getState().refresh());
  const offDeferred = subscribe('vault:lockDeferred', (d) =>
    useVault.setState({ lockDeferred: { message: d.message, ...(d.fix ? { fix: d.fix } : {}) } }),
  );
  return () => {
    offLocked();
    offUnlocked();
    offDeferred();
  };
}
