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

/** How to derive: extra net changes, and what to write on rows that must be created. */
export interface DeriveOptions {
  /**
   * Net daily changes that have no column of their own (YouTube's `Subscribers`, TikTok's
   * `New followers`), by date. They win over stored gained/lost for their day.
   */
  netChanges?: ReadonlyMap<string, number>;
  /** Source and collection instant of rows created for a day known only by a net change. */
  source: string;
  collectedAt: string;
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
 * is gained minus lost when both are stored, or its net change from `netChanges`. Totals go
 * forward (`day = previous day + change`) and backward (`day = next day - next day's change`)
 * along runs of consecutive days whose changes are known; a gap or an unknown change stops the
 * run. No baseline is ever invented, stored totals are never overwritten, and a run that would
 * go below zero stops. A day known only by a net change gets a row when a total is derived.
 */
export function deriveFollowers(db: Db, handleId: number, options: DeriveOptions): DeriveResult {
  const netChanges = options.netChanges ?? new Map<string, number>();
  const stored = db.$client
    .prepare(
      "SELECT date, followers, followers_gained, followers_lost FROM daily_metrics WHERE handle_id = ? ORDER BY date",
    )
    .all(handleId) as DayRow[];
  const storedDates = new Set(stored.map((r) => r.date));
  const extra: DayRow[] = [];
  for (const date of netChanges.keys()) {
    if (!storedDates.has(date))
      extra.push({ date, followers: null, followers_gained: null, followers_lost: null });
  }
  const rows = extra.length === 0 ? stored : [...stored, ...extra].sort((a, b) => (a.date < b.date ? -1 : 1));
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
  const insert = db.$client.prepare(
    "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (?, ?, ?, ?, ?)",
  );
  const result: DeriveResult = { derived: 0, firstDerived: null, lastDerived: null, anchors: [] };
  const anchors = new Set<string>();
  rows.forEach((r, i) => {
    const value = known[i];
    if (r.followers !== null || value == null) return;
    if (storedDates.has(r.date)) update.run(value, handleId, r.date);
    else insert.run(handleId, r.date, value, options.source, options.collectedAt);
    result.derived++;
    result.firstDerived ??= r.date;
    result.lastDerived = r.date;
    const anchor = anchorOf[i];
    if (anchor) anchors.add(anchor);
  });
  result.anchors = [...anchors].sort();
  return result;
}

/** How many of these days of the handle have no follower total stored (no row, or a null). */
export function daysWithoutFollowers(db: Db, handleId: number, dates: Iterable<string>): number {
  const get = db.$client.prepare("SELECT followers FROM daily_metrics WHERE handle_id = ? AND date = ?");
  let missing = 0;
  for (const date of dates) {
    const row = get.get(handleId, date) as { followers: number | null } | undefined;
    if (!row || row.followers === null) missing++;
  }
  return missing;
}
