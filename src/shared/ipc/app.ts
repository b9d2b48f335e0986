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
  nodeVersion: string;
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

export const appChannels = [appInfo] as const;
export const appEvents = [appNotice] as const;
