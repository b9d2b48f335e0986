// CLI durations: the forms --ttl accepts, and a clear refusal of the rest.
import { expect, it } from 'vitest';
import { parseDuration } from './duration';

it('reads s, m, h and their combinations, and refuses anything else', () => {
  expect(parseDuration('30m')).toBe(1_800_000);
  expect(parseDuration('1h30m')).toBe(5_400_000);
  expect(parseDuration('45s')).toBe(45_000);
  for (const bad of ['', '30', '10x', '1h 30m', '-5m']) expect(() => parseDuration(bad)).toThrow(/not a duration/);
});
