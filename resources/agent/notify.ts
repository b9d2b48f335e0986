// Tells the application that its files changed: a signal to the PID in a pidfile, or a POST to a localhost URL.
import { readFile } from 'node:fs/promises';
import type { Notify } from './config';

const HTTP_TIMEOUT_MS = 5000;

/** Sends the notification; throws with a reason (never a value) if it could not be delivered. */
export async function sendNotify(notify: Notify): Promise<void> {
  if (notify.kind === 'signal') {
    const pid = Number((await readFile(notify.pidFile, 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 1) throw new Error(`${notify.pidFile} does not hold a process id`);
    process.kill(pid, notify.signal);
    return;
  }
  const res = await fetch(notify.url, { method: 'POST', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`${notify.url} answered HTTP ${res.status}`);
}
