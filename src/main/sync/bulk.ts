// SQLite settings for a fetch or sync job's bulk writes, applied for the job and restored after it.
import type { Logger } from '../log';
import type { WritableDB } from '../vault/db';
import type { VaultService } from '../vault/service';

/**
 * Settings for a job's bulk writes, restored afterwards: a bigger page cache (with SQLite's 2 MB
 * default, B-tree pages written by one namespace are evicted and decrypted again by the next), and
 * no automatic WAL checkpoint in between namespaces (each one rewrote and fsynced the same pages);
 * the WAL is checkpointed once, after the job.
 */
export function bulkWriteSettings(vault: VaultService): () => void {
  if (!vault.isUnlocked) return () => undefined;
  const db = vault.db();
  const cache = Number(db.pragma('cache_size', { simple: true }));
  const checkpoint = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  db.pragma('cache_size = -32768');
  db.pragma('wal_autocheckpoint = 0');
  return () => {
    if (!vault.isUnlocked || vault.db() !== db) return;
    db.pragma(`cache_size = ${cache}`);
    db.pragma(`wal_autocheckpoint = ${checkpoint}`);
    db.pragma('main.wal_checkpoint(PASSIVE)');
  };
}

/** Jobs of this process writing through a rollback journal, per vault handle: the last one out restores WAL. */
const rollbackHolders = new WeakMap<WritableDB, number>();

/**
 * A rollback journal instead of the WAL for a cluster-wide fetch, and WAL mode again when the last such
 * job ends. Through the WAL, each page a fetch writes is encrypted twice: into the WAL at commit, then
 * decrypted and encrypted again when the checkpoint copies it into the vault file (a fifth of a 10,000
 * Secret fetch). With a rollback journal each new page is encrypted and written once; the journal holds
 * the encrypted images of the few pages that already existed, so a crash still rolls back whole batches.
 * Leaving WAL mode needs the vault to itself: with another connection open (the app beside a CLI
 * fetch), SQLite refuses and the job simply writes through the WAL as before.
 */
export function rollbackJournal(vault: VaultService, log: Logger): () => void {
  if (!vault.isUnlocked) return () => undefined;
  const db = vault.db();
  const holders = rollbackHolders.get(db) ?? 0;
  if (holders === 0 && journalMode(db, 'DELETE', log) !== 'delete') return () => undefined;
  rollbackHolders.set(db, holders + 1);
  return () => {
    const left = (rollbackHolders.get(db) ?? 1) - 1;
    rollbackHolders.set(db, left);
    // A lock closed the handle meanwhile: the next unlock opens the vault in WAL mode again.
    if (left > 0 || !vault.isUnlocked || vault.db() !== db) return;
    if (journalMode(db, 'WAL', log) !== 'wal')
      log.warn('the vault stays in rollback-journal mode until it is next opened');
  };
}

/** Sets the journal mode and returns the one in effect: SQLite answers with the old mode when it cannot switch. */
function journalMode(db: WritableDB, mode: 'DELETE' | 'WAL', log: Logger): string {
  try {
    return String(db.pragma(`main.journal_mode = ${mode}`, { simple: true })).toLowerCase();
  } catch (error) {
    log.debug({ code: (error as { code?: string }).code }, `could not switch the journal to ${mode}`);
    return String(db.pragma('main.journal_mode', { simple: true })).toLowerCase();
  }
}
