import { chartAltText, renderLineChart, sparkline } from "../../src/charts/index.ts";
import type { ReplyElement } from "../../src/core/reply.ts";
import type { Db } from "../../src/db/client.ts";
import { followerSeries } from "../../src/db/repos/stats-repo.ts";
import type { Period } from "../../src/domain/period.ts";
import { handleName, platformName } from "../../src/domain/platform-names.ts";

/**
 * The follower-trend chart of a set of handles over a period: one line per handle, gaps where
 * nothing was measured, and a sparkline of the combined total for text-only clients.
 */
export async function followerTrendChart(
  db: Db,
  handles: { id: number; platform: string; handle: string }[],
  period: Period,
  title: string,
): Promise<ReplyElement | null> {
  if (handles.length === 0) return null;
  const rows = followerSeries(
    db,
    handles.map((h) => h.id),
    period.start,
    period.end,
  );
  if (rows.length === 0) return null;
  const byHandle = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const series = byHandle.get(row.handleId) ?? new Map<string, number>();
    series.set(row.date, row.followers);
    byHandle.set(row.handleId, series);
  }
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  const charted = handles.filter((h) => byHandle.has(h.id));
  const sharedPlatform = (platform: string) => charted.filter((h) => h.platform === platform).length > 1;
  const series = charted.map((h) => {
    const values = byHandle.get(h.id) ?? new Map<string, number>();
    return {
      // One handle per platform is the norm: the platform alone is the clearest legend.
      name: sharedPlatform(h.platform) ? handleName(h.platform, h.handle) : platformName(h.platform),
      points: dates.map((date) => ({ date, value: values.get(date) ?? null })),
    };
  });
  const input = { title, yTitle: "Followers", series };
  const png = await renderLineChart(input);
  return {
    type: "chart",
    png,
    title,
    altText: chartAltText(input),
    sparkline: sparkline(combinedTotal(series)),
  };
}

/** Sum per date over the days on which every charted handle reported, so the line never dips for a gap. */
function combinedTotal(series: { points: { value: number | null }[] }[]): (number | null)[] {
  const length = series[0]?.points.length ?? 0;
  const totals: (number | null)[] = [];
  for (let i = 0; i < length; i++) {
    let sum = 0;
    let complete = true;
    for (const s of series) {
      const value = s.points[i]?.value;
      if (value == null) complete = false;
      else sum += value;
    }
    totals.push(complete ? sum : null);
  }
  return totals;
}
