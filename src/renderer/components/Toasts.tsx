// The toast area: errors show what went wrong and what to do; every toast fades on its own, errors later.
import { useEffect } from 'react';
import { type Toast, toastLifetimeMs, useUi } from '../store/ui';

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useUi((s) => s.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), toastLifetimeMs(toast.level));
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.level}`} role={toast.level === 'error' ? 'alert' : 'status'}>
      <div className="toast-body">
        <p className="toast-message">{toast.message}</p>
        {toast.fix && <p className="toast-fix">{toast.fix}</p>}
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  return (
    <section className="toasts" aria-live="polite" aria-label="Notifications">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </section>
  );
}
