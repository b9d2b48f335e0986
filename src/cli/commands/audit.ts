// `strongroom audit verify|list|export`: check the audit hash chain, list events, or write them as JSON Lines or CSV.
import path from 'node:path';
import { type Command, Option } from 'commander';
import { type AuditFilterFlags, auditFilterFrom, auditFilterOptions } from '../audit-filter-flags';
import { type CliContext, EXIT } from '../context';
import { unlockVault } from '../unlock';

export function registerAuditCommand(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the hash chain from the first event to the recorded head; exit 1 if it is broken')
    .action(async () => {
      await unlockVault(ctx);
      const r = await ctx.call('audit:verify', {});
      ctx.print(r, () =>
        r.ok
          ? `audit log intact: ${r.checked} events checked\nhead: event ${r.head?.seq} ${r.head?.hash}\nKeep this head somewhere else: anyone with the vault key can rewrite the whole log, and a later verify would not show it.`
          : `audit log BROKEN at event ${r.firstBad?.seq}: ${r.firstBad?.reason} (${r.checked} events before it are intact)`,
      );
      if (!r.ok) process.exitCode = EXIT.failure;
    });
  auditFilterOptions(
    audit
      .command('list')
      .description('list events, newest first, picked by the same filters as the Audit view')
      .addOption(new Option('--limit <n>', 'at most this many events').argParser(Number).default(50)),
  ).action(async (options: AuditFilterFlags & { limit: number }) => {
    await unlockVault(ctx);
    const page = await ctx.call('audit:list', { ...auditFilterFrom(options), limit: options.limit });
    ctx.print(page, () =>
      [
        ...page.events.map(
          (e) => `${e.seq}\t${new Date(e.time).toISOString()}\t${e.action}\t${e.outcome}\t${e.target}`,
        ),
        `${page.events.length} of ${page.total} matching events`,
      ].join('\n'),
    );
  });
  auditFilterOptions(
    audit
      .command('export')
      .description('write the events the filters pick (the whole log without them) to a file (mode 0600)')
      .addOption(new Option('--format <format>', 'file format').choices(['jsonl', 'csv']).default('jsonl'))
      .requiredOption('-o, --output <file>', 'where to write it'),
  ).action(async (options: AuditFilterFlags & { format: 'jsonl' | 'csv'; output: string }) => {
    const filter = auditFilterFrom(options);
    await unlockVault(ctx);
    const r = await ctx.call('audit:export', { format: options.format, path: path.resolve(options.output), filter });
    ctx.print(r, () => `wrote ${r.count} ${r.filtered ? 'matching ' : ''}events to ${r.path}`);
  });
}
