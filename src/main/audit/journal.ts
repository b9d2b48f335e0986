// Screens the pre-unlock journal from keys.json: only failed unlocks are chained, at clamped times; any other entry is recorded as rejected.
import { z } from 'zod';
import { ERROR_CODES } from '../../shared/errors';
import type { JournalEntry } from '../vault/keyfile';

/** Marks, inside the hashed details, an event that came from keys.json rather than from the unlocked app. */
export const JOURNAL_SOURCE = { source: 'journal' } as const;

/** The one thing the journal may hold: a failed unlock, exactly as the vault:unlock handler records it. */
const FailedUnlock = z.object({
  time: z.number(),
  actor: z.string().min(1).max(256),
  action: z.literal('vault.unlock'),
  target: z.literal('vault'),
  outcome: z.enum(ERROR_CODES),
  details: z.object({ method: z.enum(['passphrase', 'keychain']) }).strict(),
});

/** Claimed names are shown in a rejection, cut short: the file is not trusted to be reasonable. */
const CLAIM_CHARS = 120;

export function isFailedUnlock(entry: Pick<JournalEntry, 'action' | 'outcome'>): boolean {
  return entry.action === 'vault.unlock' && entry.outcome !== 'ok';
}

/** When the journaled events can have happened: after the chain's newest event, before this unlock. */
export interface JournalWindow {
  from: number;
  to: number;
}

/**
 * Turns journal entries into chain events. Anyone who can write keys.json can write the journal,
 * so a failed unlock is kept (its time pulled into the window, the claimed time noted when it was
 * outside) and anything else becomes an `audit.journal_rejected` event that names the claimed
 * action and actor, and nothing else the entry held.
 */
export function screenJournal(
  entries: readonly JournalEntry[],
  window: JournalWindow,
  unlocker: string,
): JournalEntry[] {
  const to = window.to;
  const from = Math.min(window.from, to);
  return entries.map((entry) => {
    const parsed = FailedUnlock.safeParse(entry);
    if (!parsed.success) {
      return {
        time: to,
        actor: unlocker,
        action: 'audit.journal_rejected',
        target: 'vault',
        outcome: 'bad_file',
        details: {
          ...JOURNAL_SOURCE,
          claimedAction: String(entry.action).slice(0, CLAIM_CHARS),
          claimedActor: String(entry.actor).slice(0, CLAIM_CHARS),
        },
      };
    }
    const e = parsed.data;
    const time = Math.min(Math.max(e.time, from), to);
    const details = { ...e.details, ...JOURNAL_SOURCE, ...(time === e.time ? {} : { claimedTime: e.time }) };
    return { ...e, time, details };
  });
}

/** The source an exported event is shown with: `journal` for what came from keys.json, else `app`. */
export function eventSource(details: Record<string, unknown>): 'journal' | 'app' {
  return details.source === JOURNAL_SOURCE.source ? 'journal' : 'app';
}
