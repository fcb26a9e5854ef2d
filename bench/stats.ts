/** p50/p99 of a list of durations in milliseconds. */
export function percentiles(samples: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: round(at(0.5)), p99: round(at(0.99)), n: sorted.length };
}

/** Times `fn` `runs` times after `warmup` untimed runs; returns the durations in ms. */
export async function timeRuns(runs: number, fn: (i: number) => unknown, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}

/** Rounds to 0.01. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
