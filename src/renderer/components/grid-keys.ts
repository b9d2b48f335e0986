// Where a key press moves the focus in a WAI-ARIA grid of rows: arrows, Home/End and PageUp/PageDown, clamped to the rows.

/** Row -1 is the header row, reachable only when the grid has one with controls (sortable headers). */
export interface GridShape {
  count: number;
  hasHeader: boolean;
  /** Rows per PageUp/PageDown. */
  pageSize: number;
}

/** The row index the key moves to from `index`, or undefined when the key is not a row move. */
export function nextRow(key: string, index: number, shape: GridShape): number | undefined {
  const first = shape.hasHeader ? -1 : 0;
  const last = Math.max(shape.count - 1, first);
  const clamp = (i: number) => Math.min(Math.max(i, first), last);
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1);
    case 'ArrowUp':
      return clamp(index - 1);
    case 'Home':
      return shape.count > 0 ? 0 : first;
    case 'End':
      return last;
    case 'PageDown':
      return clamp(index + shape.pageSize);
    case 'PageUp':
      // A page up from the rows stops at the first row; only ArrowUp climbs into the header.
      return index < 0 ? index : clamp(Math.max(index - shape.pageSize, 0));
    default:
      return undefined;
  }
}

/** The element Left/Right moves to among a row and its controls (the row itself first), wrapping at neither end. */
export function nextInRow<T>(items: T[], current: T, key: string): T | undefined {
  const at = Math.max(items.indexOf(current), 0);
  if (key === 'ArrowRight') return items[Math.min(at + 1, items.length - 1)];
  if (key === 'ArrowLeft') return items[Math.max(at - 1, 0)];
  return undefined;
}
