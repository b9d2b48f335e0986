// Listeners that run inside the transaction writing each Secret version, so a domain above resources (the overview) can precompute from it without resources importing that domain.
import type { WritableDB } from '../vault/db';

/** Called with the base64 data of the version just written; must not keep or log the values. */
export type VersionWritten = (db: WritableDB, accountId: number, data: Record<string, string>, at: number) => void;

const listeners = new Set<VersionWritten>();

/** Registers a listener once (registering the same function again is a no-op); the composition root does this. */
export function onVersionWritten(listener: VersionWritten): void {
  listeners.add(listener);
}

/** Runs every listener; a listener's error aborts the caller's transaction, so the vault and its findings agree. */
export function versionWritten(db: WritableDB, accountId: number, data: Record<string, string>, at: number): void {
  for (const listener of listeners) listener(db, accountId, data, at);
}
