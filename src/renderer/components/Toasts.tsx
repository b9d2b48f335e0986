// The toast area: errors show what went wrong and what to do; info toasts fade on their own.
import { useEffect } from 'react';
import { type Toast, useUi } from '../store/ui';

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useUi((s) => s.dismiss);
  useEffect(() => {
    if (toast.level === 'error') return;
    const timer = setTimeout(() => dismiss(toast.id), 6000);
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
