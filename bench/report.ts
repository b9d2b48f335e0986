// Prints a benchmark's final JSON line, the one CI and DEVELOPERS.md read.

export interface BenchReport {
  bench: string;
  n: number;
  /** bench:suggest: how many accounts the Secrets were matched against. */
  accounts?: number;
  /** Our implementation, seconds. */
  ours_s: number;
  /** The reference we compare against, seconds. */
  ref_s: number;
  rss_mb: number;
  /** bench:fetch: seconds for `strongroom --version`, the CLI's bare start-up. */
  startup_s?: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function report(r: BenchReport): void {
  const { rss_mb, startup_s, ...first } = r;
  // Key order as documented: …, ours_s, ref_s, ratio, rss_mb.
  const line: Record<string, unknown> = {
    ...first,
    ours_s: round(r.ours_s),
    ref_s: round(r.ref_s),
    ratio: round(r.ours_s / r.ref_s),
    rss_mb,
  };
  if (startup_s !== undefined) line.startup_s = round(startup_s);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}
