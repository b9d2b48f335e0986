// Audit targets name clusters instead of showing their ids.
import { describe, expect, it } from 'vitest';
import { readableTarget } from './audit-target';

const names = new Map([['0b7c2f3e-1111-4a4a-9c9c-000000000001', 'prod-eu']]);

describe('readable audit targets', () => {
  it('replaces a known cluster id with its name', () => {
    expect(readableTarget('cluster 0b7c2f3e-1111-4a4a-9c9c-000000000001 namespace pay', names)).toBe(
      'cluster prod-eu namespace pay',
    );
  });

  it('leaves an unknown id and other targets as they are', () => {
    expect(readableTarget('cluster 9f9f9f9f-0000-4000-8000-000000000009', names)).toBe(
      'cluster 9f9f9f9f-0000-4000-8000-000000000009',
    );
    expect(readableTarget('vault', names)).toBe('vault');
  });
});
