import { formatCount, formatDecimal, formatPct } from "../domain/format.ts";
import type { ChartSeries, LineChartInput } from "./types.ts";

/** Counts read as 12.3K; anything with a fraction (rates, averages) keeps one decimal. */
function formatValue(n: number, wholeNumbers: boolean): string {
  return wholeNumbers ? formatCount(n) : formatDecimal(n, 1);
}

/** "X 12.3K → 12.9K (+4.9%)", "X 12.3K" for one value, "X no data" for none. */
function describeSeries(series: ChartSeries): string {
  const known = series.points
    .filter((p): p is { date: string; value: number } => p.value !== null && Number.isFinite(p.value))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const first = known[0];
  const last = known[known.length - 1];
  if (first === undefined || last === undefined) return `${series.name} no data`;
  const whole = known.every((p) => Number.isInteger(p.value));
  if (known.length === 1) return `${series.name} ${formatValue(first.value, whole)}`;
  const change =
    first.value > 0 ? ` (${formatPct(((last.value - first.value) / first.value) * 100, true)})` : "";
  return `${series.name} ${formatValue(first.value, whole)} → ${formatValue(last.value, whole)}${change}`;
}

/**
 * What a line chart shows, in one sentence for screen readers and text-only clients: the title,
 * the date range, and each series from its first known value to its last with the change, e.g.
 * "Followers by platform, 2026-10-28 to 2026-11-26: X 12.3K → 12.9K (+4.9%); Facebook 8,000 →
 * 10.9K (+36.3%)". The change is left out when the first value is 0 (no percentage of nothing).
 */
export function chartAltText(input: LineChartInput): string {
  const dates = input.series.flatMap((s) => s.points.map((p) => p.date)).sort();
  const from = dates[0];
  const to = dates[dates.length - 1];
  if (from === undefined || to === undefined) return `${input.title}: no data`;
  const range = from === to ? from : `${from} to ${to}`;
  const parts = input.series.map(describeSeries);
  return `${input.title}, ${range}: ${parts.join("; ")}`;
}
