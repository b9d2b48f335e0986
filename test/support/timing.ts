// Timing in tests on a shared, loaded machine: the best of a few runs, compared with a baseline timed in the same test.

/** Milliseconds of the fastest of `runs` calls: the one least disturbed by whatever else the machine is doing. */
export function fastest(fn: () => unknown, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
