import type { TopLevelSpec } from "vega-lite";
import { CHART_FONT_FAMILY } from "./fonts.ts";
import type { LineChartInput } from "./types.ts";

/** Default chart size in CSS pixels: readable in a Slack message, before the 2x scale. */
export const DEFAULT_WIDTH = 720;
export const DEFAULT_HEIGHT = 320;

/** Tableau 10: distinct hues that stay apart for the common colour-vision deficiencies. */
const PALETTE = [
  "#4c78a8",
  "#f58518",
  "#54a24b",
  "#e45756",
  "#72b7b2",
  "#eeca3b",
  "#b279a2",
  "#ff9da6",
  "#9d755d",
  "#bab0ac",
];

/** Beyond this many days, ticks name months rather than days. */
const MONTH_TICKS_AFTER_DAYS = 150;
/** Up to this many days, every day gets its tick (never a half-day tick repeating a date). */
const DAILY_TICKS_UP_TO_DAYS = 14;

/** One drawn value. `solo` marks a value with no neighbour, which a line alone would not show. */
interface Row {
  series: string;
  date: string;
  value: number | null;
  solo: boolean;
}

/**
 * Y axis labels the way replies write counts (METRICS.md): 9,500 then 12.5K, 1.2M. Vega
 * expression, because the label is computed inside Vega for each tick.
 */
const Y_LABEL_EXPR = [
  "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, '.1~f') + 'M'",
  "abs(datum.value) >= 1e4 ? format(datum.value / 1e3, '.1~f') + 'K'",
  "format(datum.value, ',~g')",
].join(" : ");

function toRows(input: LineChartInput): Row[] {
  const rows: Row[] = [];
  for (const series of input.series) {
    const points = series.points
      .map((p) => ({ date: p.date, value: p.value !== null && Number.isFinite(p.value) ? p.value : null }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    points.forEach((point, i) => {
      const before = points[i - 1]?.value ?? null;
      const after = points[i + 1]?.value ?? null;
      const solo = point.value !== null && before === null && after === null;
      rows.push({ series: series.name, date: point.date, value: point.value, solo });
    });
  }
  return rows;
}

/** True when the input has at least one value to draw. */
export function hasChartData(input: LineChartInput): boolean {
  return input.series.some((s) => s.points.some((p) => p.value !== null && Number.isFinite(p.value)));
}

function spanInDays(rows: Row[]): number {
  const times = rows.map((r) => Date.parse(`${r.date}T00:00:00Z`)).filter((t) => Number.isFinite(t));
  if (times.length === 0) return 0;
  return (Math.max(...times) - Math.min(...times)) / 86_400_000;
}

/** Settings shared by the chart and its "No data" stand-in. */
function frame(input: LineChartInput) {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? DEFAULT_HEIGHT,
    // "fit" + "padding": the PNG is exactly width x height (times the scale), legend and all.
    autosize: { type: "fit", contains: "padding" },
    padding: 12,
    background: "white",
    title: { text: input.title, anchor: "start", fontSize: 16, fontWeight: "bold", offset: 10 },
    config: {
      font: CHART_FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: "normal", labelColor: "#333" },
      legend: { labelFontSize: 12, symbolStrokeWidth: 3 },
    },
  } as const;
}

/**
 * The Vega-Lite spec of a line chart: a UTC time axis (dates are local days, so no machine
 * zone may shift them), one colour per series in input order with a legend, counts as 12K on the
 * y axis, and null values left as gaps in the line, never drawn as 0.
 */
export function lineChartSpec(input: LineChartInput): TopLevelSpec {
  const rows = toRows(input);
  const names = input.series.map((s) => s.name);
  const span = spanInDays(rows);
  const dateFormat = span > MONTH_TICKS_AFTER_DAYS ? "%b %Y" : "%-d %b";
  const tickCount = span <= DAILY_TICKS_UP_TO_DAYS ? ({ interval: "day", step: 1 } as const) : 8;
  const x = {
    field: "date",
    type: "temporal",
    scale: { type: "utc" },
    title: null,
    axis: { format: dateFormat, labelAngle: 0, grid: false, tickCount, labelOverlap: true },
  } as const;
  const y = {
    field: "value",
    type: "quantitative",
    title: input.yTitle,
    scale: { zero: false, nice: true },
    axis: { labelExpr: Y_LABEL_EXPR, tickCount: 5, gridColor: "#e6e6e6" },
  } as const;
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: names, range: PALETTE },
    legend: {
      orient: "bottom",
      direction: "horizontal",
      columns: 3,
      labelLimit: 220,
      symbolType: "stroke",
      symbolSize: 300,
    },
  } as const;
  return {
    ...frame(input),
    data: { values: rows },
    encoding: { x, y, color },
    layer: [
      // Vega-Lite breaks a line at a null value; it never bridges or zeroes it.
      { mark: { type: "line", strokeWidth: 2.5, interpolate: "linear" } },
      {
        transform: [{ filter: "datum.solo" }],
        mark: { type: "point", filled: true, size: 50, opacity: 1 },
      },
    ],
  };
}

/** The stand-in for a chart with nothing to draw: its title and "No data", same size. */
export function noDataSpec(input: LineChartInput): TopLevelSpec {
  return {
    ...frame(input),
    data: { values: [{ text: "No data" }] },
    mark: { type: "text", fontSize: 20, color: "#777", align: "center", baseline: "middle" },
    encoding: { text: { field: "text", type: "nominal" } },
  };
}
