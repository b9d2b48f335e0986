// SQLite settings for a fetch or sync job's bulk writes, applied for the job and restored after it.
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
    db.pragma('wal_checkpoint(PASSIVE)');
  };
}
