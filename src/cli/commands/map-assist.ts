// `strongroom map suggest [--accept-all]` and `strongroom map rule add|list|remove`: mapping without doing it key by key.
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { MappingSummary } from '../../shared/ipc/mapping';
import type { MappingRule, MappingSuggestion } from '../../shared/ipc/mapping-assist';
import type { CliContext } from '../context';
import { parseAccountRef } from '../refs';
import { escapeName } from '../terminal';
import { unlockVault } from '../unlock';

/** One mapping as `map add`, `map list` and the rules print it. */
export function mappingLine(m: MappingSummary): string {
  const template = m.template ? `  template ${m.template}` : '';
  return `${m.kubeResource}/${m.secret}:${m.key}  →  ${m.resource}/${m.account}${template}`;
}

function ruleId(text: string): number {
  if (!/^[1-9]\d{0,9}$/.test(text)) {
    throw new AppError('invalid_input', `"${text.slice(0, 40)}" is not a rule id.`, 'See `strongroom map rule list`.');
  }
  return Number(text);
}

function suggestionLines(s: MappingSuggestion): string {
  const key = `${s.from.kubeResource}/${s.from.secret}:${s.from.key}`;
  const template = s.template ? `  template ${s.template}` : '';
  const tie = s.preferred ? '' : '  (another account is as likely: accept it by hand)';
  return `${escapeName(key)}  →  ${escapeName(`${s.to.resource}/${s.to.account}`)}${escapeName(template)}${tie}\n    because ${escapeName(s.reason)}`;
}

function ruleLine(r: MappingRule): string {
  return escapeName(
    `rule ${r.id}: namespace ${r.namespace}  secret ${r.secret}  key ${r.key}  →  ${r.resource}/${r.account}`,
  );
}

const mappedLines = (list: MappingSummary[]) => list.map((m) => `mapped ${escapeName(mappingLine(m))}`);

export function registerMapAssistCommands(map: Command, ctx: CliContext): void {
  map
    .command('suggest')
    .description('keys of fetched Secrets that probably hold an account password, each with why')
    .option('--accept-all', 'map every suggestion that has one clear account')
    .action(async (options: { acceptAll?: boolean }) => {
      await unlockVault(ctx);
      if (options.acceptAll) {
        const result = await ctx.call('mapping:acceptAll', {});
        const left = result.ambiguous > 0 ? [`${result.ambiguous} key(s) left: two accounts are as likely`] : [];
        ctx.print(result, () =>
          [...mappedLines(result.accepted), `${result.accepted.length} mapping(s) made`, ...left].join('\n'),
        );
        return;
      }
      const list = await ctx.call('mapping:suggest', {});
      ctx.print(list, () =>
        list.length > 0
          ? list.map(suggestionLines).join('\n')
          : 'no suggestions (fetch Secrets and add accounts first, or everything is mapped)',
      );
    });

  const rule = map.command('rule').description('rules that map matching Secret keys at every fetch and sync');
  rule
    .command('add <account>')
    .description('map keys matching the globs to RESOURCE/ACCOUNT, now and at every fetch and sync')
    .requiredOption('--namespace <glob>', 'namespace pattern, e.g. shop-*')
    .requiredOption('--secret <glob>', 'Secret name pattern, e.g. *-db')
    .requiredOption('--key <glob>', 'key pattern, e.g. {password,PGPASSWORD}')
    .action(async (account: string, options: { namespace: string; secret: string; key: string }) => {
      const to = parseAccountRef(account);
      await unlockVault(ctx);
      const added = await ctx.call('mapping:ruleAdd', { ...options, to });
      ctx.print(added, () => [`added ${ruleLine(added.rule)}`, ...mappedLines(added.mapped)].join('\n'));
    });
  rule
    .command('list')
    .description('every mapping rule')
    .action(async () => {
      await unlockVault(ctx);
      const list = await ctx.call('mapping:ruleList', {});
      ctx.print(list, () => (list.length > 0 ? list.map(ruleLine).join('\n') : 'no mapping rules'));
    });
  rule
    .command('remove <id>')
    .description('remove a rule (the mappings it made stay)')
    .action(async (id: string) => {
      await unlockVault(ctx);
      const removed = await ctx.call('mapping:ruleRemove', { id: ruleId(id) });
      ctx.print(removed, () => `removed ${ruleLine(removed)}`);
    });
}
