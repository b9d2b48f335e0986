// History shows per version only the keys that changed, and "Changed by" only where the server named a manager.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AccountDetail, VersionSummary } from '../../../shared/ipc/resources';
import { changeSummary, HistoryPanel } from './HistoryPanel';

const keys = [
  { name: 'user', size: 1 },
  { name: 'pass', size: 2 },
];
const first: VersionSummary = { id: 1, seenAt: 1, resourceVersion: '1', changedBy: null, keys, changes: null };
const second: VersionSummary = {
  id: 2,
  seenAt: 2,
  resourceVersion: '2',
  changedBy: null,
  keys,
  changes: [
    { key: 'pass', change: 'changed' },
    { key: 'token', change: 'added' },
  ],
};

function account(versions: VersionSummary[]): AccountDetail {
  return { versions } as AccountDetail;
}

describe('changeSummary', () => {
  it('names only the changed keys, grouped by change', () => {
    expect(changeSummary(second)).toBe('added token · changed pass');
    expect(changeSummary({ ...second, changes: [{ key: 'old', change: 'removed' }] })).toBe('removed old');
  });

  it('says what the vault first saw, and when only metadata changed', () => {
    expect(changeSummary(first)).toBe('first seen: user, pass');
    expect(changeSummary({ ...second, changes: [] })).toBe('no key changed (metadata only)');
  });
});

describe('HistoryPanel', () => {
  it('omits the Changed by column when no version has a manager, and never lists unchanged keys', () => {
    const html = renderToStaticMarkup(createElement(HistoryPanel, { account: account([second, first]) }));
    expect(html).not.toContain('Changed by');
    expect(html).not.toContain('—');
    expect(html).toContain('added token · changed pass');
    // "user" never changed: it shows once, in what the vault first saw, not in the second version's row.
    expect(html.match(/user/g)).toHaveLength(1);
  });

  it('shows the manager where the server gave one, and a quiet "unknown" elsewhere', () => {
    const html = renderToStaticMarkup(
      createElement(HistoryPanel, { account: account([{ ...second, changedBy: 'kubectl-edit' }, first]) }),
    );
    expect(html).toContain('Changed by');
    expect(html).toContain('<td>kubectl-edit</td>');
    expect(html).toContain('<span class="muted small">unknown</span>');
  });
});
