/**
 * Competition ranking for leaderboards (METRICS.md, "Ranks and leaderboards").
 */

/** One ranked row: its key, its value, and its rank (null when the value is unknown). */
export interface Ranked<K> {
  key: K;
  value: number | null;
  rank: number | null;
}

/** The mission figures leaderboards rank by, all descending. */
export const RANK_METRICS = [
  "followers",
  "followerGrowthPct",
  "engagementRate",
  "posts",
  "interactions",
] as const;

/** One of {@link RANK_METRICS}. */
export type RankMetric = (typeof RANK_METRICS)[number];

/** True when `name` is one of {@link RANK_METRICS}. */
export function isRankMetric(name: string): name is RankMetric {
  return (RANK_METRICS as readonly string[]).includes(name);
}

/**
 * Ranks rows by value, highest first. Equal values share a rank and the next rank skips
 * (1, 2, 2, 4). Rows whose value is null (or not a finite number) come last with rank null.
 * Equal values, and the null rows, keep their input order.
 */
export function rankDescending<K>(rows: { key: K; value: number | null }[]): Ranked<K>[] {
  const known: { key: K; value: number; index: number }[] = [];
  const unknown: Ranked<K>[] = [];
  rows.forEach((row, index) => {
    if (row.value !== null && Number.isFinite(row.value))
      known.push({ key: row.key, value: row.value, index });
    else unknown.push({ key: row.key, value: null, rank: null });
  });
  known.sort((a, b) => b.value - a.value || a.index - b.index);

  const ranked: Ranked<K>[] = [];
  let previous: number | null = null;
  let rank = 0;
  known.forEach((row, position) => {
    if (row.value !== previous) rank = position + 1;
    previous = row.value;
    ranked.push({ key: row.key, value: row.value, rank });
  });
  return ranked.concat(unknown);
}
