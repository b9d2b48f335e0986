// Palette ranking: fuzzy, every word must match, main's hits become options that open what they name, best first.
import { describe, expect, it } from 'vitest';
import type { PaletteCommand } from './commands';
import { hitItems, mergeItems, rankCommands } from './palette-search';

const noop = () => undefined;
const commands: PaletteCommand[] = [
  { id: 'go:overview', title: 'Go to Overview', run: noop },
  { id: 'go:audit', title: 'Go to Audit', run: noop },
  { id: 'vault:lock', title: 'Lock the vault', hint: 'Ctrl+L', run: noop },
  { id: 'theme:dark', title: 'Theme: dark', run: noop },
  { id: 'sync:c1', title: 'Sync production now', run: noop },
];

describe('rankCommands', () => {
  it('keeps only commands matching every word, best first', () => {
    expect(rankCommands(commands, 'go aud').map((c) => c.id)).toEqual(['go:audit']);
  });

  it('forgives a typo', () => {
    expect(rankCommands(commands, 'lovk')[0]?.id).toBe('vault:lock');
    expect(rankCommands(commands, 'sync prodution')[0]?.id).toBe('sync:c1');
  });

  it('lists every command, in order, for an empty query', () => {
    expect(rankCommands(commands, '  ').map((c) => c.id)).toEqual(commands.map((c) => c.id));
  });

  it('finds nothing for a query unlike any command', () => {
    expect(rankCommands(commands, 'qqqqzz')).toEqual([]);
  });
});

describe('hitItems and mergeItems', () => {
  it('turns a Secret hit into an option that opens the account, naming its place and the matched key', () => {
    const opened: number[] = [];
    const [item] = hitItems(
      [
        {
          kind: 'secret',
          accountId: 7,
          clusterId: 'c1',
          cluster: 'production',
          namespace: 'payments',
          name: 'stripe',
          key: 'signing_secret',
          score: 0.1,
        },
      ],
      { secret: (id) => opened.push(id), cluster: noop },
    );
    expect(item).toMatchObject({
      group: 'Secret',
      title: 'stripe',
      detail: 'production/payments · key signing_secret',
    });
    void item?.run();
    expect(opened).toEqual([7]);
  });

  it('orders commands and hits together by score and caps the list', () => {
    const hits = hitItems(
      [
        { kind: 'cluster', clusterId: 'c1', name: 'production', score: 0.05 },
        { kind: 'secret', accountId: 1, clusterId: null, cluster: null, namespace: 'ns', name: 'x', score: 0.5 },
      ],
      { secret: noop, cluster: noop },
    );
    const merged = mergeItems(rankCommands(commands, 'production'), hits, 2);
    // The command matches "production" exactly (score 0), so it leads; the 0.5 Secret falls past the cap.
    expect(merged.map((m) => m.id)).toEqual(['sync:c1', 'cluster:c1']);
  });
});
