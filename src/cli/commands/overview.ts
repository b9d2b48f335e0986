// `strongroom overview [--json]`: the overview's figures (clusters, certificates, reused, weak, stale values), never a value.
import type { Command } from 'commander';
import type { Overview } from '../../shared/ipc/overview';
import type { CliContext } from '../context';
import { unlockVault } from '../unlock';

/** The CLI's JSON: exactly the fields the overview documents, without the renderer's link ids. */
export function overviewJson(o: Overview) {
  return {
    clusters: o.clusters.map((c) => ({
      name: c.name,
      secrets: c.secrets,
      lastSync: c.lastSync,
      nextSync: c.nextSync,
      failures: c.failures,
    })),
    certificates: o.certificates.map((c) => ({
      cluster: c.cluster,
      namespace: c.namespace,
      secret: c.secret,
      key: c.key,
      subject: c.subject,
      notAfter: c.notAfter,
      daysLeft: c.daysLeft,
    })),
    reused: o.reused.map((r) => ({ count: r.count, places: r.places })),
    weak: o.weak.map((w) => ({
      cluster: w.cluster,
      namespace: w.namespace,
      secret: w.secret,
      key: w.key,
      reason: w.reason,
    })),
    stale: o.stale.map((s) => ({
      cluster: s.cluster,
      namespace: s.namespace,
      secret: s.secret,
      lastChanged: s.lastChanged,
      days: s.days,
    })),
  };
}

const at = (p: { cluster: string; namespace: string; secret: string }) => `${p.cluster}/${p.namespace}/${p.secret}`;

function section(title: string, lines: string[], empty: string): string {
  return [`${title} (${lines.length})`, ...(lines.length > 0 ? lines.map((l) => `  ${l}`) : [`  ${empty}`])].join('\n');
}

export function describeOverview(o: Overview): string {
  return [
    section(
      'Clusters',
      o.clusters.map(
        (c) =>
          `${c.name}: ${c.secrets} Secrets, last sync ${c.lastSync ?? 'never'} (${c.lastOutcome ?? '-'}), next ${c.nextSync ?? 'not scheduled'}, failures ${c.failures}`,
      ),
      'none yet: add one with `strongroom cluster import-kubeconfig`',
    ),
    section(
      'Certificates by expiry',
      o.certificates.map((c) => `${c.daysLeft} days  ${c.notAfter}  ${at(c)}:${c.key}  ${c.subject}`),
      'none found in fetched Secrets',
    ),
    section(
      'Reused values',
      o.reused.map((r) => `${r.count} places: ${r.places.join(', ')}`),
      'no value is in more than one Secret',
    ),
    section(
      'Weak values',
      o.weak.map((w) => `${at(w)}:${w.key}  ${w.reason.replace('_', ' ')}`),
      'none found',
    ),
    section(
      `Stale Secrets (no value change for ${o.staleDays}+ days)`,
      o.stale.map((s) => `${s.days} days  ${at(s)}`),
      'none',
    ),
  ].join('\n\n');
}

export function registerOverviewCommand(program: Command, ctx: CliContext): void {
  program
    .command('overview')
    .description('certificates by expiry, reused and weak values, stale Secrets and cluster sync status (--json)')
    .action(async () => {
      await unlockVault(ctx);
      const overview = await ctx.call('overview:get', {});
      ctx.print(overviewJson(overview), () => describeOverview(overview));
    });
}
