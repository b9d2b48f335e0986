// The WAI-ARIA grid pattern for every table: one Tab stop, arrows move between rows, Enter opens, Esc closes the detail.
import { type FocusEvent, type KeyboardEvent, type MouseEvent, useCallback, useEffect, useRef, useState } from 'react';
import { nextInRow, nextRow } from './grid-keys';

export interface GridOptions {
  /** Data rows (the header row not counted). */
  count: number;
  /** Enter on a row; by default it presses the row's first button or link. */
  onOpen?(index: number): void;
  /** A detail is open: Esc anywhere outside a dialog closes it, and focus returns to its row (else the active one). */
  detailOpen?: boolean;
  /** The row of the open detail, when known (a detail opened from the palette may be of any row). */
  detailIndex?: number | undefined;
  onClose?(): void;
  /** The header row holds controls (sort buttons) that ArrowUp from the first row reaches. */
  hasHeader?: boolean;
  /** Rows per PageUp/PageDown (default 10). */
  pageSize?: number;
  /** Virtualised tables scroll a row into the DOM before it can take focus. */
  scrollToIndex?(index: number): void;
}

const CONTROLS = 'button, a[href], input, select, textarea, [tabindex]:not([data-grid-row])';

function rowOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof HTMLElement ? target.closest<HTMLElement>('[data-grid-row]') : null;
}

function controlsOf(row: HTMLElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(CONTROLS)];
}

function isInDialog(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[role="dialog"], [role="alertdialog"]') !== null;
}

export function useGridNavigation(options: GridOptions) {
  const { count, detailOpen = false, hasHeader = false, pageSize = 10 } = options;
  const grid = useRef<HTMLElement | null>(null);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const latest = useRef(options);
  latest.current = options;
  const current = Math.min(active, Math.max(count - 1, hasHeader ? -1 : 0));
  const currentRef = useRef(current);
  currentRef.current = current;

  // After every render: controls inside rows leave the Tab order, and a row waiting for focus gets it once rendered.
  useEffect(() => {
    const root = grid.current;
    if (!root) return;
    for (const row of root.querySelectorAll<HTMLElement>('[data-grid-row]'))
      for (const control of controlsOf(row)) control.tabIndex = -1;
    const header = root.querySelector<HTMLElement>('[data-grid-row="-1"]');
    const headerStop = header && current < 0 ? controlsOf(header)[0] : undefined;
    if (headerStop) headerStop.tabIndex = 0;
    if (pendingFocus.current === null) return;
    const row = root.querySelector<HTMLElement>(`[data-grid-row="${pendingFocus.current}"]`);
    if (!row) return;
    pendingFocus.current = null;
    // A header row is focused through its first control (the sort button of the first column).
    (Number(row.dataset.gridRow) < 0 ? (controlsOf(row)[0] ?? row) : row).focus();
  });

  const focusRow = useCallback((index: number) => {
    pendingFocus.current = index;
    setActive(index);
    latest.current.scrollToIndex?.(Math.max(index, 0));
    const row = grid.current?.querySelector<HTMLElement>(`[data-grid-row="${index}"]`);
    if (row) {
      pendingFocus.current = null;
      (index < 0 ? (controlsOf(row)[0] ?? row) : row).focus();
    }
  }, []);

  // Esc closes an open detail from anywhere but a dialog, then the row it belongs to takes the focus back.
  useEffect(() => {
    if (!detailOpen) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || isInDialog(event.target)) return;
      event.preventDefault();
      latest.current.onClose?.();
      const back = latest.current.detailIndex;
      focusRow(back !== undefined && back >= 0 ? back : Math.max(currentRef.current, 0));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [detailOpen, focusRow]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const row = rowOf(event.target);
    if (!row || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = Number(row.dataset.gridRow);
    const onRow = event.target === row;
    const fieldKeys = !onRow && /^(INPUT|SELECT|TEXTAREA)$/.test((event.target as HTMLElement).tagName);
    if (fieldKeys) return;
    const move = nextRow(event.key, index, { count, hasHeader, pageSize });
    if (move !== undefined) {
      event.preventDefault();
      focusRow(move);
      return;
    }
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      const items = index < 0 ? controlsOf(row) : [row, ...controlsOf(row)];
      const to = nextInRow(items, event.target as HTMLElement, event.key);
      if (to) {
        event.preventDefault();
        to.focus();
      }
    } else if (event.key === 'Enter' && onRow && index >= 0) {
      event.preventDefault();
      const open = latest.current.onOpen;
      if (open) open(index);
      else controlsOf(row)[0]?.click();
    } else if (event.key === 'Escape' && !onRow && index >= 0 && !detailOpen) {
      event.preventDefault();
      row.focus();
    }
  };

  // A click on a row (not on one of its controls) opens it, as Enter does.
  const onClick = (event: MouseEvent<HTMLElement>) => {
    const row = rowOf(event.target);
    const index = row ? Number(row.dataset.gridRow) : -1;
    if (!row || index < 0 || (event.target as HTMLElement).closest(CONTROLS)) return;
    latest.current.onOpen?.(index);
  };

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const row = rowOf(event.target);
    if (row) setActive(Number(row.dataset.gridRow));
  };

  return {
    /** Spread on the grid element (a `<table>` or a `div`) beside `role="grid"`. */
    gridProps: {
      ref: (el: HTMLElement | null) => {
        grid.current = el;
      },
      onKeyDown,
      onClick,
      onFocus,
    },
    /** Spread on each row: row -1 is the header row. Only the active row is a Tab stop. */
    rowProps: (index: number) => ({
      'data-grid-row': index,
      'aria-rowindex': index + 2,
      tabIndex: index === current && index >= 0 ? 0 : -1,
    }),
    /** Tab lands on the header's first control when the header row is the active one. */
    headerActive: current < 0,
    focusRow,
  };
}
