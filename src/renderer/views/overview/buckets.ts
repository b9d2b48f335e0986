// Groups certificates by expiry: expired, within 30 days, within 90 days, later.
import type { OverviewCertificate } from '../../../shared/ipc/overview';

export const EXPIRY_BUCKETS = ['Expired', '≤ 30 days', '≤ 90 days', 'Later'] as const;
export type ExpiryBucket = (typeof EXPIRY_BUCKETS)[number];

export function expiryBucket(daysLeft: number): ExpiryBucket {
  if (daysLeft < 0) return 'Expired';
  if (daysLeft <= 30) return '≤ 30 days';
  if (daysLeft <= 90) return '≤ 90 days';
  return 'Later';
}

export function countByExpiry(certs: readonly OverviewCertificate[]): { label: string; value: number }[] {
  const counts = new Map<ExpiryBucket, number>(EXPIRY_BUCKETS.map((b) => [b, 0]));
  for (const c of certs) {
    const b = expiryBucket(c.daysLeft);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return EXPIRY_BUCKETS.map((b) => ({ label: b, value: counts.get(b) ?? 0 }));
}
