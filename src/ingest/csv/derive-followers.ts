import type { Db } from "../../db/client.ts";

/** What {@link deriveFollowers} filled in. */
export interface DeriveResult {
  /** Days whose follower total was filled in. */
  derived: number;
  firstDerived: string | null;
  lastDerived: string | null;
  /** Dates of the stored totals the derived ones were counted from. */
  anchors: string[];
}

interface DayRow {
  date: string;
  followers: number | null;
  followers_gained: number | null;
  followers_lost: number | null;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Fills in daily follower totals from daily changes, counting only from an absolute anchor: a
 * stored day with a real follower total (from the API or an export with totals). A day's change
 * is gained minus lost when both are stored, or the net change given in `netChanges` (YouTube's
 * `Subscribers`, TikTok's `New followers`). Totals go forward (`day = previous day + change`) and
 * backward (`day = next day - next day's change`) along runs of consecutive days whose changes
 * are known; a gap or a missing change stops the run. No baseline is ever invented, stored totals
 * are never overwritten, and a run that would go below zero stops.
 */
export function deriveFollowers(
  db: Db,
  handleId: number,
  netChanges: ReadonlyMap<string, number> = new Map(),
): DeriveResult {
  const rows = STORED_PLACEHOLDER;
  const n = rows.length;
  const known: (number | null)[] = rows.map((r) => r.followers);
  const anchorOf: (string | null)[] = rows.map((r) => (r.followers === null ? null : r.date));
  const change = rows.map((r) => {
    const net = netChanges.get(r.date);
    if (net !== undefined) return net;
    return r.followers_gained !== null && r.followers_lost !== null
      ? r.followers_gained - r.followers_lost
      : null;
  });
  const consecutive = (i: number) => {
    const a = rows[i];
    const b = rows[i + 1];
    return a !== undefined && b !== undefined && nextDay(a.date) === b.date;
  };
  for (let i = 1; i < n; i++) {
    const prev = known[i - 1];
    const delta = change[i];
    if (known[i] !== null || prev == null || delta == null || !consecutive(i - 1)) continue;
    if (prev + delta < 0) continue;
    known[i] = prev + delta;
    anchorOf[i] = anchorOf[i - 1] ?? null;
  }
  for (let i = n - 2; i >= 0; i--) {
    const next = known[i + 1];
    const delta = change[i + 1];
    if (known[i] !== null || next == null || delta == null || !consecutive(i)) continue;
    if (next - delta < 0) continue;
    known[i] = next - delta;
    anchorOf[i] = anchorOf[i + 1] ?? null;
  }
  const update = db.$client.prepare(
    "UPDATE daily_metrics SET followers = ? WHERE handle_id = ? AND date = ? AND followers IS NULL",
  );
  const result: DeriveResult = { derived: 0, firstDerived: null, lastDerived: null, anchors: [] };
  const anchors = new Set<string>();
  rows.forEach((r, i) => {
    const value = known[i];
    if (r.followers !== null || value == null) return;
    update.run(value, handleId, r.date);
    result.derived++;
    result.firstDerived ??= r.date;
    result.lastDerived = r.date;
    const anchor = anchorOf[i];
    if (anchor) anchors.add(anchor);
  });
  result.anchors = [...anchors].sort();
  return result;
}

/** How many of the handle's days in [from, to] still have no follower total. */
export function daysWithoutFollowers(db: Db, handleId: number, from: string, to: string): number {
  const row = db.$client
    .prepare(
      "SELECT COUNT(*) AS n FROM daily_metrics WHERE handle_id = ? AND date BETWEEN ? AND ? AND followers IS NULL",
    )
    .get(handleId, from, to) as { n: number };
  return row.n;
}
