// Pins the shipped migrations: one global sequence, so a version inserted below the newest fails CI.
import { expect, it } from 'vitest';
import { MIGRATIONS } from './index';

/*
 * Every migration that has shipped, in order. A vault already at the newest version never runs a
 * version slotted in below it, so the list may only grow at its end.
 * To update the pin: when you append migration N (the newest version plus one) to MIGRATIONS,
 * append [N, 'its-name'] at the end here in the same commit. Never edit, reorder or remove a line,
 * and never add one above the last: a failure there means a migration was inserted, not appended.
 */
const SHIPPED: readonly (readonly [number, string])[] = [
  [1, 'vault-meta'],
  [10, 'audit-log'],
  [100, 'clusters'],
  [200, 'resources'],
  [202, 'job-journal'],
  [203, 'access'],
  [204, 'agent-keys'],
  [205, 'rotation-targets'],
  [207, 'overview'],
  [208, 'mapping-assist'],
  [209, 'rotation-journal'],
  [210, 'exec-transcripts'],
  [211, 'overview-short-hashes'],
];

it('the migration list is exactly the pinned one: nothing inserted, edited or removed below the newest', () => {
  expect(MIGRATIONS.map((m) => [m.version, m.name])).toEqual(SHIPPED);
});
