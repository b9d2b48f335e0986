// The icon of an ok / warn / error status: decorative (aria-hidden), since the text beside it says the same.
import { AlertTriangle, CheckCircle2, XCircle } from 'lucide-react';

export type StatusLevel = 'ok' | 'warn' | 'error';

export function StatusIcon({ level }: { level: StatusLevel }) {
  const Icon = level === 'ok' ? CheckCircle2 : level === 'warn' ? AlertTriangle : XCircle;
  return <Icon size={14} aria-hidden="true" className={`status-icon ${level}`} />;
}
