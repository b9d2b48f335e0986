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
  lock(): Promise<void>;
  apply(status: VaultStatus): void;
  clearError(): void;
}

export const useVault = create<VaultStore>((set, get) => ({
  status: undefined,
  error: undefined,
  busy: false,
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
  async lock() {
    const result = await call('vault:lock', {});
    if (result.ok) set({ status: result.value });
  },
  apply: (status) => set({ status }),
  clearError: () => set({ error: undefined }),
}));

/** Follows main's lock/unlock events, e.g. auto-lock after idle time or OS suspend. */
export function followVaultEvents(): () => void {
  const offLocked = subscribe('vault:locked', () => void useVault.getState().refresh());
  const offUnlocked = subscribe('vault:unlocked', () => void useVault.getState().refresh());
  return () => {
    offLocked();
    offUnlocked();
  };
}
