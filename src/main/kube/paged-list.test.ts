// The page size of an adaptive list: about PAGE_BYTES a page, never fewer than MIN_PAGE_SIZE or more than MAX_PAGE_SIZE items.
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, MIN_PAGE_SIZE, nextPageSize, PAGE_BYTES, PAGE_SIZE } from './paged-list';

describe('nextPageSize', () => {
  it('asks for as many items as fit the target, within the bounds', () => {
    // 500 Secrets of ~700 bytes (the benches' kind): the most a page may hold.
    expect(nextPageSize(500, 350_000)).toBe(MAX_PAGE_SIZE);
    // 500 items of 16 KiB: 256 of them make 4 MiB.
    expect(nextPageSize(500, 500 * 16 * 1024)).toBe(PAGE_BYTES / (16 * 1024));
    // Helm releases of ~1 MiB each: never fewer than the minimum.
    expect(nextPageSize(20, 20 * 1024 * 1024)).toBe(MIN_PAGE_SIZE);
  });

  it('keeps the default when the last page tells nothing', () => {
    expect(nextPageSize(0, 0)).toBe(PAGE_SIZE);
    expect(nextPageSize(3, 0)).toBe(PAGE_SIZE);
  });
});
