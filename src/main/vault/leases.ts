// Leases on the vault: running jobs that a lock must not cut silently, and the answer a lock request gets.
import { AppError } from '../../shared/errors';

/** A job that holds the vault open while it runs. */
export interface LeaseInfo {
  id: string;
  kind: string;
  label: string;
  step: string | null;
}

/** What the vault asks of whoever hands out leases (the job runner). */
export interface VaultLeases {
  held(): LeaseInfo[];
  /** Asks every holder to pause at its next safe step (never mid-write); resolves once all have stopped. */
  pauseAll(): Promise<void>;
  /** Called each time a lease is released. */
  onRelease(listener: () => void): void;
}

/** The answer to a lock request while jobs run: the lock waits for them, or the user pauses them. */
export function leaseHeldError(held: readonly LeaseInfo[]): AppError {
  const [first] = held;
  const now = first?.step ? ` (now: ${first.step})` : '';
  const others = held.length > 1 ? ` and ${held.length - 1} other job${held.length > 2 ? 's' : ''}` : '';
  return new AppError(
    'job_running',
    `${first?.label ?? 'A job'} is running${now}: locking after the ${first?.kind ?? 'job'}${others} finishes.`,
    'Choose "Lock now and pause" to pause it at its next safe step and lock at once; it can be run again later.',
  );
}
