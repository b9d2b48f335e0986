// The overview service: assembles the precomputed findings, cluster sync status and recent audit activity.
import type { Overview, OverviewCluster } from '../../shared/ipc/overview';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { SyncScheduler } from '../sync/schedule';
import type { VaultService } from '../vault/service';
import { valueHash } from './detect';
import { type PlaceRow, queries } from './queries';

const DAY = 86_400_000;
export const ACTIVITY_DAYS = 14;
/** Error codes meaning the cluster did not answer (no TCP, no TLS, no reply in time). */
const NO_ANSWER = new Set(['unreachable', 'timeout', 'tls']);

export interface OverviewDeps {
  vault: Pick<VaultService, 'db'>;
  audit: Pick<AuditLog, 'list'>;
  scheduler: Pick<SyncScheduler, 'get'>;
  clock: Clock;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function place(r: PlaceRow): PlaceRow {
  return {
    accountId: r.accountId,
    clusterId: r.clusterId,
    cluster: r.cluster,
    namespace: r.namespace,
    secret: r.secret,
  };
}

export class OverviewService {
  constructor(private readonly deps: OverviewDeps) {}

  setStaleDays(days: number): { staleDays: number } {
    queries(this.deps.vault.db()).setStaleDays.run(days);
    return { staleDays: days };
  }

  get(): Overview {
    const q = queries(this.deps.vault.db());
    const now = this.deps.clock.now();
    const { key, staleDays } = q.settings.get() ?? { key: Buffer.alloc(0), staleDays: 90 };
    return {
      generatedAt: new Date(now).toISOString(),
      staleDays,
      clusters: this.clusters(),
      certificates: q.certificates.all().map((r) => ({
        ...place(r),
        key: r.key,
        subject: r.subject,
        issuer: r.issuer,
        notAfter: new Date(r.notAfter).toISOString(),
        daysLeft: Math.floor((r.notAfter - now) / DAY),
      })),
      reused: this.reused(valueHash(key, Buffer.alloc(0))),
      weak: q.weak.all().map((r) => ({ ...place(r), key: r.key, reason: r.reason })),
      stale: q.stale.all(now - staleDays * DAY).map((r) => ({
        ...place(r),
        lastChanged: new Date(r.changedAt).toISOString(),
        days: Math.floor((now - r.changedAt) / DAY),
      })),
      activity: this.activity(now),
    };
  }

  private clusters(): OverviewCluster[] {
    const q = queries(this.deps.vault.db());
    return q.clusters.all().map((c) => {
      const runs = q.jobs.all(c.id);
      const last = runs[0];
      const firstOk = runs.findIndex((j) => j.state === 'done');
      const schedule = this.deps.scheduler.get(c.id);
      return {
        id: c.id,
        name: c.name,
        secrets: c.secrets,
        lastSync: iso(last?.at ?? c.resourcesSynced),
        lastOutcome: last ? (last.state === 'done' ? 'ok' : (last.errorCode ?? 'failed')) : null,
        nextSync: iso(schedule.nextRun),
        failures: firstOk === -1 ? runs.length : firstOk,
        answered: last ? !(last.state === 'failed' && NO_ANSWER.has(last.errorCode ?? '')) : null,
      };
    });
  }

  private reused(emptyHash: Buffer): Overview['reused'] {
    const groups = new Map<string, Overview['reused'][number]>();
    for (const r of queries(this.deps.vault.db()).reused.iterate(emptyHash)) {
      const id = r.hash.toString('hex');
      let g = groups.get(id);
      if (!g) {
        g = { count: 0, places: [], at: [] };
        groups.set(id, g);
      }
      g.count++;
      g.places.push(`${r.cluster}/${r.namespace}/${r.secret}:${r.key}`);
      g.at.push({ ...place(r), key: r.key });
    }
    return [...groups.values()].sort((a, b) => b.count - a.count);
  }

  private activity(now: number): Overview['activity'] {
    const today = Math.floor(now / DAY);
    const first = today - ACTIVITY_DAYS + 1;
    const counts = new Map(
      queries(this.deps.vault.db())
        .activity.all(first * DAY)
        .map((r) => [r.day, r.events]),
    );
    const perDay = [];
    for (let d = first; d <= today; d++)
      perDay.push({ day: new Date(d * DAY).toISOString().slice(0, 10), events: counts.get(d) ?? 0 });
    return { perDay, recent: this.deps.audit.list({ limit: 10 }).events };
  }
}
