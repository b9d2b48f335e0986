// Export names: a typed name survives a format switch; the proposal only changes its extension.
import { describe, expect, it } from 'vitest';
import { followProposal, proposedName } from './export-name';

describe('followProposal', () => {
  it('swaps the extension of the untouched proposal', () => {
    const json = proposedName('payments-prod', 'json');
    expect(followProposal(json, json, proposedName('payments-prod', 'srb'))).toBe('payments-prod.srb');
  });

  it('keeps a name or path the user typed, whatever the format', () => {
    expect(followProposal('/home/me/q3-backup.json', 'audit-2026-12-01.jsonl', 'audit-2026-12-01.csv')).toBe(
      '/home/me/q3-backup.json',
    );
    expect(followProposal('mine.json', 'payments-prod.json', 'payments-prod.srb')).toBe('mine.json');
  });

  it('refills an emptied field with the new proposal', () => {
    expect(followProposal('  ', 'a.json', 'a.srb')).toBe('a.srb');
  });
});
