// Back-off for wrong passphrases: free attempts first, then a doubling wait, persisted in the key file.
import { AppError } from '../../shared/errors';

export const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;

/** The wait imposed after `failures` consecutive wrong passphrases (0 while attempts are free). */
export function backoffMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

/** Milliseconds until the next attempt is allowed; 0 means now. */
export function retryAfterMs(failures: { count: number; lastAt: number }, now: number): number {
  const wait = backoffMs(failures.count);
  return Math.max(0, failures.lastAt + wait - now);
}

export function assertMayTry(failures: { count: number; lastAt: number }, now: number): void {
  const wait = retryAfterMs(failures, now);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new AppError(
      'rate_limited',
      `Too many wrong passphrases. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      'Wait, then type the passphrase carefully. The wait doubles with each further wrong attempt.',
    );
  }
}
