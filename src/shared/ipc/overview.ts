// Channels of the Overview: precomputed findings (clusters, certificates, reused, weak, stale values, activity), never a value.
import { z } from 'zod';
import type { ClusterId } from '../clusters';
import type { AuditEvent } from './audit';
import { channel, returns } from './contract';

/** Where a finding is: the Secret (its account id for the link) in a namespace of a cluster. */
export interface OverviewPlace {
  accountId: number;
  clusterId: ClusterId | null;
  cluster: string;
  namespace: string;
  secret: string;
}

export interface OverviewCluster {
  id: ClusterId;
  name: string;
  /** Secrets present in the vault for this cluster. */
  secrets: number;
  /** End of the last fetch or sync (ISO time), or null when none ran. */
  lastSync: string | null;
  /** `ok`, or the error code of the last fetch/sync; null when none ran. */
  lastOutcome: string | null;
  /** The next scheduled sync (ISO time), or null without an enabled schedule. */
  nextSync: string | null;
  /** Failed fetches and syncs since the last one that succeeded. */
  failures: number;
  /** Whether the cluster answered at the last fetch/sync (false: unreachable, timeout, TLS); null when none ran. */
  answered: boolean | null;
}

export interface OverviewCertificate extends OverviewPlace {
  key: string;
  subject: string;
  issuer: string;
  notAfter: string;
  /** Whole days until notAfter; negative once expired. */
  daysLeft: number;
}

export interface OverviewReused {
  count: number;
  /** `cluster/namespace/secret:key` of each place the same value is in. */
  places: string[];
  /** The same places, for links. */
  at: (OverviewPlace & { key: string })[];
}

export interface OverviewWeak extends OverviewPlace {
  key: string;
  reason: 'short' | 'low_entropy';
}

export interface OverviewStale extends OverviewPlace {
  /** When its values last changed (ISO time). */
  lastChanged: string;
  days: number;
}

export interface OverviewActivityDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  events: number;
}

export interface Overview {
  generatedAt: string;
  staleDays: number;
  clusters: OverviewCluster[];
  /** Soonest expiry first. */
  certificates: OverviewCertificate[];
  reused: OverviewReused[];
  weak: OverviewWeak[];
  stale: OverviewStale[];
  activity: { perDay: OverviewActivityDay[]; recent: AuditEvent[] };
}

/** The whole overview, read from what sync precomputed. */
export const overviewGet = channel('overview:get', z.object({}).strict(), returns<Overview>());

/** Sets the stale threshold (days without a value change) from Settings. */
export const overviewSetStaleDays = channel(
  'overview:set-stale-days',
  z.object({ days: z.number().int().min(1).max(3650) }).strict(),
  returns<{ staleDays: number }>(),
);

export const overviewChannels = [overviewGet, overviewSetStaleDays] as const;
