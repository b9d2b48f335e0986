// Grid key moves: one row per arrow, Home/End, a page per PageUp/PageDown, the header reached only by ArrowUp.
import { describe, expect, it } from 'vitest';
import { nextInRow, nextRow } from './grid-keys';

const rows = { count: 100, hasHeader: false, pageSize: 10 };
const sortable = { ...rows, hasHeader: true };

describe('nextRow', () => {
  it('moves one row per arrow and stops at both ends', () => {
    expect(nextRow('ArrowDown', 4, rows)).toBe(5);
    expect(nextRow('ArrowUp', 4, rows)).toBe(3);
    expect(nextRow('ArrowUp', 0, rows)).toBe(0);
    expect(nextRow('ArrowDown', 99, rows)).toBe(99);
  });

  it('jumps to the first and last row with Home and End', () => {
    expect(nextRow('Home', 50, rows)).toBe(0);
    expect(nextRow('End', 3, rows)).toBe(99);
  });

  it('moves a page with PageUp/PageDown, clamped', () => {
    expect(nextRow('PageDown', 4, rows)).toBe(14);
    expect(nextRow('PageDown', 95, rows)).toBe(99);
    expect(nextRow('PageUp', 14, rows)).toBe(4);
    expect(nextRow('PageUp', 4, sortable)).toBe(0);
  });

  it('climbs into a sortable header with ArrowUp from the first row, and back down', () => {
    expect(nextRow('ArrowUp', 0, sortable)).toBe(-1);
    expect(nextRow('ArrowDown', -1, sortable)).toBe(0);
    expect(nextRow('ArrowUp', -1, sortable)).toBe(-1);
  });

  it('ignores keys that are no row move, and copes with an empty grid', () => {
    expect(nextRow('a', 3, rows)).toBeUndefined();
    expect(nextRow('Enter', 3, rows)).toBeUndefined();
    expect(nextRow('ArrowDown', 0, { ...rows, count: 0 })).toBe(0);
    expect(nextRow('End', -1, { ...sortable, count: 0 })).toBe(-1);
  });
});

describe('nextInRow', () => {
  it('walks from the row to its controls and back without wrapping', () => {
    const items = ['row', 'test', 'edit'];
    expect(nextInRow(items, 'row', 'ArrowRight')).toBe('test');
    expect(nextInRow(items, 'edit', 'ArrowRight')).toBe('edit');
    expect(nextInRow(items, 'test', 'ArrowLeft')).toBe('row');
    expect(nextInRow(items, 'row', 'ArrowLeft')).toBe('row');
    expect(nextInRow(items, 'row', 'Enter')).toBeUndefined();
  });
});
