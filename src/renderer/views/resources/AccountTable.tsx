// The account table: virtualised over main's paged, sorted, filtered list, so 10k+ rows stay smooth.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useGridNavigation } from '../../components/useGridNavigation';
import { When } from '../../components/When';
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
  const nav = useGridNavigation({
    count: total,
    hasHeader: true,
    pageSize: Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW * 10) / ROW) - 1),
    scrollToIndex: (index) => virtualizer.scrollToIndex(index),
    onOpen: (index) => {
      const row = rows.get(index);
      if (row) select(row.id);
    },
    detailOpen: selectedId !== undefined,
    detailIndex: [...rows].find(([, row]) => row.id === selectedId)?.[0],
    onClose: () => select(undefined),
  });

  useEffect(() => {
    for (let offset = Math.floor(first / PAGE_SIZE) * PAGE_SIZE; offset <= last; offset += PAGE_SIZE)
      void ensurePage(offset);
  }, [first, last, ensurePage]);

  return (
    <div
      className={selectedId === undefined ? 'table accounts' : 'table accounts compact'}
      role="grid"
      {...nav.gridProps}
      aria-label="Accounts"
      aria-rowcount={total + 1}
    >
      <div className="table-head" role="row" {...nav.rowProps(-1)}>
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
                <div
                  key={item.key}
                  role="row"
                  className="table-row loading"
                  style={style}
                  {...nav.rowProps(item.index)}
                >
                  <span role="gridcell" className="muted">
                    …
                  </span>
                </div>
              );
            }
            return (
              <div
                // Keyed by position, as the placeholder was, so a row that loads while focused keeps the focus.
                key={item.key}
                role="row"
                {...nav.rowProps(item.index)}
                aria-selected={selectedId === row.id}
                className={selectedId === row.id ? 'table-row selected' : 'table-row'}
                style={style}
              >
                <span role="gridcell" className="strong">
                  {row.name}
                </span>
                <span role="gridcell">{row.resourceName}</span>
                <span role="gridcell" className="muted">
                  {row.type}
                </span>
                <span role="gridcell">{row.keyCount}</span>
                <span role="gridcell">{row.size.toLocaleString()} B</span>
                <span role="gridcell" className={row.state === 'present' ? 'muted' : 'outcome failed'}>
                  {row.state === 'present' ? 'present' : 'deleted in cluster'}
                </span>
                <span role="gridcell" className="muted">
                  <When at={row.lastSynced} />
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
