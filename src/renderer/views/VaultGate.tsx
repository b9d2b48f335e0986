// Shows first-run setup or the lock screen until the vault is open, then the app.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { LockReason } from '../../shared/ipc/vault';
import { ErrorNote } from '../components/ErrorNote';
import { TextField } from '../components/TextField';
import { useUi } from '../store/ui';
import { followVaultEvents, useVault } from '../store/vault';

function Screen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="gate">
      <div className="gate-card card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Strongroom
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

function FirstRun() {
  const { status, error, busy, init } = useVault();
  const notify = useUi((s) => s.notify);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const first = useRef<HTMLInputElement>(null);
  // The first run starts where the user must type: the passphrase, not the page body.
  useEffect(() => first.current?.focus(), []);
  const keychainAvailable = status?.keychain.available ?? false;
  const [useKeychain, setUseKeychain] = useState(keychainAvailable);
  const mismatch = repeat.length > 0 && passphrase !== repeat;
  const tooShort = passphrase.length > 0 && passphrase.length < 8;
  const canSubmit = !busy && !mismatch && !tooShort && (passphrase.length >= 8 ? passphrase === repeat : useKeychain);

  return (
    <Screen title="Create your vault">
      <p className="muted">
        Everything Strongroom fetches is kept in one encrypted file. Its key is random; choose how to protect it. At
        least one is required, both is best.
      </p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const warnings = await init({ ...(passphrase ? { passphrase } : {}), useKeychain });
          for (const warning of warnings ?? [])
            notify({ level: 'warning', message: warning.message, ...(warning.fix ? { fix: warning.fix } : {}) });
        }}
      >
        <TextField
          type="password"
          autoComplete="new-password"
          label="Passphrase (at least 8 characters)"
          inputRef={first}
          value={passphrase}
          onChange={setPassphrase}
        />
        <TextField
          type="password"
          autoComplete="new-password"
          label="Repeat the passphrase"
          value={repeat}
          onChange={setRepeat}
        />
        {tooShort && <p className="hint-warning">Use at least 8 characters.</p>}
        {mismatch && <p className="hint-warning">The two passphrases differ.</p>}
        <label className="check">
          <input
            type="checkbox"
            checked={useKeychain}
            disabled={!keychainAvailable}
            onChange={(e) => setUseKeychain(e.target.checked)}
          />
          Also keep the key in the OS keychain, so you can unlock without typing
        </label>
        {!keychainAvailable && status?.keychain.reason && (
          <p className="hint-warning">
            The OS keychain cannot be used: {status.keychain.reason} {status.keychain.fix}
          </p>
        )}
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={!canSubmit}>
          Create vault
        </button>
      </form>
    </Screen>
  );
}

/** What the lock screen says about the last lock. */
export function lockReasonText(reason: LockReason | undefined, autoLockMinutes: number): string | undefined {
  if (reason === 'manual') return 'Locked by you.';
  if (reason === 'idle') return `Locked after ${autoLockMinutes} min without activity.`;
  if (reason === 'suspend') return 'Locked because the computer slept or its screen locked.';
  if (reason === 'shutdown') return 'Locked when the app closed.';
  return undefined;
}

function LockScreen() {
  const { status, error, busy, unlock, lockReason } = useVault();
  const [passphrase, setPassphrase] = useState('');
  const field = useRef<HTMLInputElement>(null);
  // Focus the passphrase on arrival (after a lock) and again after each failed unlock.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new error (a failed unlock) brings focus back.
  useEffect(() => {
    field.current?.focus();
  }, [error]);
  const why = lockReasonText(lockReason, status?.autoLockMinutes ?? 0);
  const [now, setNow] = useState(Date.now());
  const [since] = useState(Date.now());
  const waitMs = Math.max(0, (status?.retryAfterMs ?? 0) - (now - since));

  useEffect(() => {
    if (waitMs <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [waitMs]);

  return (
    <Screen title="The vault is locked">
      {why && (
        <p className="muted" data-testid="lock-reason">
          {why}
        </p>
      )}
      {status?.wraps.passphrase && (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            if (await unlock({ method: 'passphrase', passphrase })) setPassphrase('');
          }}
        >
          <TextField
            type="password"
            autoComplete="current-password"
            label="Passphrase"
            value={passphrase}
            onChange={setPassphrase}
            inputRef={field}
          />
          {waitMs > 0 && (
            <p className="hint-warning">Too many wrong passphrases. Try again in {Math.ceil(waitMs / 1000)} s.</p>
          )}
          <button type="submit" className="primary" disabled={busy || passphrase.length === 0 || waitMs > 0}>
            Unlock
          </button>
        </form>
      )}
      {status?.wraps.keychain && (
        <button
          type="button"
          className="secondary keychain-button"
          disabled={busy || !status.keychain.available}
          onClick={() => void unlock({ method: 'keychain' })}
        >
          Unlock with the OS keychain
        </button>
      )}
      {status?.wraps.keychain && !status.keychain.available && (
        <p className="hint-warning">
          {status.keychain.reason} {status.keychain.fix}
        </p>
      )}
      <ErrorNote error={error} />
      <p className="muted small">Data directory: {status?.dataDir}</p>
    </Screen>
  );
}

export function VaultGate({ children }: { children: ReactNode }) {
  const status = useVault((s) => s.status);
  const refresh = useVault((s) => s.refresh);

  useEffect(() => {
    void refresh();
    return followVaultEvents();
  }, [refresh]);

  if (!status) return <div className="gate muted">Opening…</div>;
  if (status.state === 'uninitialized') return <FirstRun />;
  if (status.state === 'locked') return <LockScreen />;
  return <>{children}</>;
}
