// The account table: virtualised over main's paged, sorted, filtered list, so 10k+ rows stay smooth.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { PAGE_SIZE, type SortBy, useResources } from '../../store/resources';

const ROW = 32;

const COLUMNS: { by: SortBy; label: string }[] = [
  { by: 'name', label: 'Secret' },
  { by: 'resource', label: 'Resource' },
  { by: 'type', label: 'Type' },
  { by: 'keys', label: 'Keys' },
  { by: 'size', label: 'Size' },
  { by: 'state', label: 'State' },
  { by: 'lastSynced', label: 'Synced' },
];

function since(ms: number): string {
  const minutes = Math.round((Date.now() - ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1440) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

export function AccountTable() {
  const { total, rows, sort, setSort, ensurePage, select, selectedId } = useResources();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 30,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    for (let offset = Math.floor(first / PAGE_SIZE) * PAGE_SIZE; offset <= last; offset += PAGE_SIZE)
      void ensurePage(offset);
  }, [first, last, ensurePage]);

  return (
    <div
      className={selectedId === undefined ? 'table accounts' : 'table accounts compact'}
      role="table"
      aria-label="Accounts"
      aria-rowcount={total}
    >
      <div className="table-head" role="row">
        {COLUMNS.map((c) => (
          // The header cell carries the role and sort state; the button inside it only sorts (a button may not be a columnheader).
          <div
            key={c.by}
            role="columnheader"
            aria-sort={sort.by === c.by ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button type="button" className="th" onClick={() => setSort(c.by)}>
              {c.label}
              {sort.by === c.by && (sort.dir === 'asc' ? ' ▲' : ' ▼')}
            </button>
          </div>
        ))}
      </div>
      <div className="table-body" ref={scroller} data-testid="account-rows">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows.get(item.index);
            const style = { transform: `translateY(${item.start}px)`, height: ROW };
            if (!row) {
              return (
                <div key={item.key} role="row" className="table-row loading" style={style}>
                  <span role="cell" className="muted">
                    …
                  </span>
                </div>
              );
            }
            return (
              <div
                key={row.id}
                role="row"
                tabIndex={0}
                aria-selected={selectedId === row.id}
                className={selectedId === row.id ? 'table-row selected' : 'table-row'}
                style={style}
                onClick={() => select(row.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') select(row.id);
                }}
              >
                <span role="cell" className="strong">
                  {row.name}
                </span>
                <span role="cell">{row.resourceName}</span>
                <span role="cell" className="muted">
                  {row.type}
                </span>
                <span role="cell">{row.keyCount}</span>
                <span role="cell">{row.size.toLocaleString()} B</span>
                <span role="cell" className={row.state === 'present' ? 'muted' : 'outcome failed'}>
                  {row.state === 'present' ? 'present' : 'deleted in cluster'}
                </span>
                <span role="cell" className="muted">
                  {since(row.lastSynced)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <div className="table-foot muted" data-testid="account-count">
        {total.toLocaleString()} account{total === 1 ? '' : 's'}
      </div>
    </div>
  );
}
