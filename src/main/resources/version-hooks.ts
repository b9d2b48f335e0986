// Listeners that run inside the transaction writing Secret versions, so a domain above resources (the overview) can precompute from them without resources importing that domain.
import type { WritableDB } from '../vault/db';

/** One Secret version just written: its account, its base64 data, and when it was seen. */
export interface WrittenVersion {
  accountId: number;
  data: Record<string, string>;
  at: number;
}

/**
 * Called once per written batch (a namespace of a fetch, a single write…), in the order written; an
 * account may appear more than once. Must not keep or log the values.
 */
export type VersionsWritten = (db: WritableDB, versions: readonly WrittenVersion[]) => void;

const listeners = new Set<VersionsWritten>();

/** Registers a listener once (registering the same function again is a no-op); the composition root does this. */
export function onVersionsWritten(listener: VersionsWritten): void {
  listeners.add(listener);
}

/** Runs every listener; a listener's error aborts the caller's transaction, so the vault and its findings agree. */
export function versionsWritten(db: WritableDB, versions: readonly WrittenVersion[]): void {
  if (versions.length === 0) return;
  for (const listener of listeners) listener(db, versions);
}
