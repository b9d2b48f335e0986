// Settings for the vault: auto-lock time, the keychain wrap, the passphrase, and where the data lives.
import { useState } from 'react';
import type { ErrorData } from '../../shared/errors';
import { call } from '../client';
import { ErrorNote } from '../components/ErrorNote';
import { TextField } from '../components/TextField';
import { useUi } from '../store/ui';
import { useVault } from '../store/vault';

function PassphraseForm({ hasPassphrase }: { hasPassphrase: boolean }) {
  const apply = useVault((s) => s.apply);
  const notify = useUi((s) => s.notify);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ErrorData>();
  const valid = next.length >= 8 && next === repeat && (!hasPassphrase || current.length > 0);
  return (
    <form
      className="stack"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await call('vault:changePassphrase', { ...(hasPassphrase ? { current } : {}), next });
        if (!result.ok) return setError(result.error);
        setError(undefined);
        apply(result.value);
        setCurrent('');
        setNext('');
        setRepeat('');
        notify({ level: 'info', message: hasPassphrase ? 'Passphrase changed.' : 'Passphrase set.' });
      }}
    >
      {hasPassphrase && (
        <TextField
          type="password"
          autoComplete="current-password"
          label="Current passphrase"
          value={current}
          onChange={setCurrent}
        />
      )}
      <TextField
        type="password"
        autoComplete="new-password"
        label="New passphrase (at least 8 characters)"
        value={next}
        onChange={setNext}
      />
      <TextField
        type="password"
        autoComplete="new-password"
        label="Repeat the new passphrase"
        value={repeat}
        onChange={setRepeat}
      />
      {repeat.length > 0 && next !== repeat && <p className="hint-warning">The two passphrases differ.</p>}
      <ErrorNote error={error} />
      <div>
        <button type="submit" className="primary" disabled={!valid}>
          {hasPassphrase ? 'Change passphrase' : 'Set passphrase'}
        </button>
      </div>
      <p className="muted small">Only the wrapped key is rewritten; the vault itself is not re-encrypted.</p>
    </form>
  );
}

export function VaultSettings() {
  const status = useVault((s) => s.status);
  const apply = useVault((s) => s.apply);
  const notifyError = useUi((s) => s.notifyError);
  const notify = useUi((s) => s.notify);
  const [minutes, setMinutes] = useState(String(status?.autoLockMinutes ?? 15));
  if (!status) return null;

  const setKeychain = async (enabled: boolean) => {
    const result = await call('vault:setKeychain', { enabled });
    if (!result.ok) return notifyError(result.error);
    apply(result.value);
    notify({
      level: 'info',
      message: enabled ? 'The key is now kept in the OS keychain.' : 'The key was removed from the OS keychain.',
    });
  };

  return (
    <>
      <section className="card">
        <h2>Vault</h2>
        <dl className="facts">
          <dt>Data directory</dt>
          <dd>
            <code>{status.dataDir}</code>
          </dd>
          <dt>Key protected by</dt>
          <dd>
            {[status.wraps.passphrase && 'passphrase', status.wraps.keychain && 'OS keychain']
              .filter(Boolean)
              .join(' and ')}
          </dd>
        </dl>
        <form
          className="row"
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await call('vault:setAutoLock', { minutes: Number(minutes) });
            if (!result.ok) return notifyError(result.error);
            apply(result.value);
            notify({
              level: 'info',
              message: `Saved: the vault locks after ${result.value.autoLockMinutes} min without use.`,
            });
          }}
        >
          <label className="inline">
            Auto-lock minutes
            <input type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </label>
          <span className="muted small">The vault locks after this many minutes without use.</span>
          <button type="submit" className="secondary" disabled={Number(minutes) === status.autoLockMinutes}>
            Save
          </button>
        </form>
      </section>
      <section className="card">
        <h2>OS keychain</h2>
        {status.keychain.available ? (
          <label className="check">
            <input
              type="checkbox"
              checked={status.wraps.keychain}
              disabled={status.wraps.keychain && !status.wraps.passphrase}
              onChange={(e) => void setKeychain(e.target.checked)}
            />
            Keep the vault key in the OS keychain (unlock without typing)
          </label>
        ) : (
          <p className="hint-warning">
            The OS keychain cannot be used: {status.keychain.reason} {status.keychain.fix}
          </p>
        )}
        {status.wraps.keychain && !status.wraps.passphrase && (
          <p className="muted small">
            Set a passphrase before removing the keychain: the key needs at least one protection.
          </p>
        )}
      </section>
      <section className="card">
        <h2>Passphrase</h2>
        <PassphraseForm hasPassphrase={status.wraps.passphrase} />
      </section>
    </>
  );
}
