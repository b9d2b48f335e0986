// How long a resumed watch's silence means "caught up": a few round trips, at least 30 ms, at most a second.
import { expect, it } from 'vitest';
import { idleFor } from './resume';

it('waits a few round trips of silence: 30 ms on loopback, longer for a distant or slow server, never over 1 s', () => {
  expect(idleFor(1)).toBe(30);
  expect(idleFor(50)).toBe(120);
  expect(idleFor(5_000)).toBe(1_000);
});
