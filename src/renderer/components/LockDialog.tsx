// The lease dialog: a lock asked for while a job runs waits for it, or pauses it at a safe step and locks now.
import { useEffect, useRef, useState } from 'react';
import { useVault } from '../store/vault';

export function LockDialog() {
  const deferred = useVault((s) => s.lockDeferred);
  const { lock, closeLockDialog } = useVault.getState();
  const [pausing, setPausing] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (deferred) first.current?.focus();
    else setPausing(false);
  }, [deferred]);
  if (!deferred) return null;
  return (
    <div
      className="card lock-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-label="A job holds the vault"
      onKeyDown={(e) => {
        if (e.key === 'Escape') closeLockDialog();
      }}
    >
      <h2>A job is running</h2>
      <p>{deferred.message}</p>
      {deferred.fix && <p className="muted small">{deferred.fix}</p>}
      <div className="row">
        <button
          ref={first}
          type="button"
          className="primary"
          disabled={pausing}
          onClick={() => {
            setPausing(true);
            void lock({ pauseJobs: true });
          }}
        >
          {pausing ? 'Pausing…' : 'Lock now and pause'}
        </button>
        <button type="button" className="secondary" disabled={pausing} onClick={closeLockDialog}>
          Lock when it finishes
        </button>
      </div>
    </div>
  );
}
