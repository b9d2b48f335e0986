// Channels and events about the application itself: version, platform, data location.
import { z } from 'zod';
import { channel, event, returns } from './contract';

/** Facts about the running app shown in Settings and About. Holds no secrets. */
export interface AppInfo {
  version: string;
  /** `electron` or `browser`: which shell hosts the renderer. */
  shell: 'electron' | 'browser';
  platform: string;
  dataDir: string;
  /** Where exports start (the user's Downloads, else home), decided by main; never the data dir. */
  exportFolder: string;
  nodeVersion: string;
  /** The built-in demo cluster of `npm start`: whether it runs, and where (the Clusters view compares saved servers). */
  demo: { available: boolean; server?: string };
}

export const appInfo = channel('app:info', z.object({}).strict(), returns<AppInfo>(), 'public');

/** A toast pushed by main, e.g. a scheduled job that failed while nobody was looking. */
export const appNotice = event(
  'app:notice',
  z.object({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    fix: z.string().optional(),
  }),
);

/**
 * Copies a value the user revealed, and audits the copy. Main writes the OS clipboard when it owns
 * one (desktop) and empties it after `clearAfterSeconds` if it still holds the value; otherwise
 * `handledByMain` is false and the renderer writes and clears the browser clipboard itself.
 */
export const appCopy = channel(
  'app:copy',
  z
    .object({
      text: z.string().max(4 * 1024 * 1024),
      clearAfterSeconds: z.number().int().min(0).max(3600),
      /** What was copied, for the audit log: e.g. `prod/payments/db-creds#password`. */
      target: z.string().min(1).max(600),
      source: z.enum(['vault', 'offline']),
    })
    .strict(),
  returns<{ handledByMain: boolean }>(),
);

/** Adds the running demo cluster the way a user adds one: test, then save (needs the vault unlocked). */
export const appConnectDemo = channel(
  'app:connectDemo',
  z.object({}).strict(),
  returns<{ clusterId: string; name: string }>(),
);

export const appChannels = [appInfo, appCopy, appConnectDemo] as const;
export const appEvents = [appNotice] as const;
