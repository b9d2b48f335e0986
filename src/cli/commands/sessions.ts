// `strongroom sessions list|show`: live and past access sessions, and one session's command timeline.
import type { Command } from 'commander';
import {
  type ExecTranscript,
  type SessionDetail,
  type SessionSummary,
  truncationMarker,
} from '../../shared/ipc/access';
import type { CliContext } from '../context';
import { unlockVault } from '../unlock';

function duration(s: SessionSummary, now: number): string {
  const ms = (s.endedAt ?? now) - s.startedAt;
  const min = Math.floor(ms / 60_000);
  return min > 0 ? `${min}m${Math.floor((ms % 60_000) / 1000)}s` : `${Math.round(ms / 1000)}s`;
}

function describeList(rows: SessionSummary[], now: number): string {
  if (rows.length === 0) return 'no sessions yet';
  return rows
    .map((s) =>
      [
        s.id.slice(0, 8),
        new Date(s.startedAt).toISOString().slice(0, 19).replace('T', ' '),
        duration(s, now).padStart(7),
        (s.live ? 'live' : (s.endReason ?? 'ended')).padEnd(8),
        `${s.clusterName}/${s.account}`.padEnd(24),
        `${s.requestCount} req`.padStart(8),
        s.actor,
        s.reason ? `"${s.reason}"` : '',
      ].join('  '),
    )
    .join('\n');
}

function describeDetail(d: SessionDetail, now: number): string {
  const head = [
    `session ${d.id}`,
    `cluster ${d.clusterName}, account ${d.account} (${d.identity})`,
    `by ${d.actor}${d.reason ? `, reason: ${d.reason}` : ''}`,
    `started ${new Date(d.startedAt).toISOString()}, ${d.live ? 'live' : `ended (${d.endReason})`}, ${duration(d, now)}`,
    `${d.requests.length} requests:`,
  ];
  const lines = d.requests.flatMap((r) => [
    `  ${new Date(r.at).toISOString().slice(11, 23)}  ${String(r.status).padStart(3)}  ${r.latencyMs.toFixed(1).padStart(7)} ms  ${r.command}`,
    ...(r.transcript ? transcriptLines(r.transcript) : []),
  ]);
  return [...head, ...lines].join('\n');
}

const STREAM_MARK = { stdin: '>', stdout: ' ', stderr: '!' } as const;

/** An exec transcript under its request: `>` for stdin, `!` for stderr. */
function transcriptLines(t: ExecTranscript): string[] {
  const lines = t.chunks.flatMap((c) =>
    c.text
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => `      ${STREAM_MARK[c.stream]} ${line}`),
  );
  const marker = truncationMarker(t);
  if (marker) lines.push(`      ${marker}`);
  if (t.note) lines.push(`      (${t.note})`);
  return lines;
}

/** The JSON form: each request's verb, path, status and kubectl command (and the rest). */
function detailJson(d: SessionDetail) {
  return {
    ...d,
    requests: d.requests.map(({ verb, path, status, command, ...rest }) => ({ verb, path, status, command, ...rest })),
  };
}

export function registerSessionsCommand(program: Command, ctx: CliContext): void {
  const cmd = program.command('sessions').description('just-in-time access sessions and their logs');
  cmd
    .command('list')
    .description('live and past sessions, newest first (--json for scripts)')
    .option('--limit <n>', 'how many', '200')
    .action(async (o: { limit: string }) => {
      await unlockVault(ctx);
      const rows = await ctx.call('access:sessions', { limit: Number(o.limit) });
      ctx.print(rows, () => describeList(rows, Date.now()));
    });
  cmd
    .command('show')
    .argument('<id>', 'session id (or its first 8 characters)')
    .description("one session and its command timeline (--json: each request's verb, path, status, kubectl command)")
    .action(async (id: string) => {
      const app = await unlockVault(ctx);
      const detail = app.access.show(id);
      ctx.print(detailJson(detail), () => describeDetail(detail, Date.now()));
    });
}
