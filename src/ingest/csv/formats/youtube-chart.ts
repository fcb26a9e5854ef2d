import { normalizeHeader } from "../headers.ts";
import { fullDate } from "../read-helpers.ts";
import type { DailyValues, FormatSpec } from "../types.ts";
import { isYouTubeMetric, setYouTubeField, YOUTUBE_STORED, youtubeField } from "./youtube-metrics.ts";

/**
 * YouTube Studio `Chart data.csv`: long format `Date,<dimension…>,<metric>`. Without dimensions it
 * is the channel's daily series; split by a dimension (videos, traffic sources) it holds only
 * the series the chart showed, which do not add up to the channel, so nothing is stored.
 */
export const youtubeChart: FormatSpec = {
  name: "youtube_chart",
  label: "YouTube Studio chart data",
  platforms: ["youtube"],
  kind: "daily",
  generic: true,
  fileName: /chart data.*\.csv$/i,
  columns: [{ key: "date", names: ["Date"], required: true }],
  acceptHeader: (header, fileName) => {
    if (header.length < 2 || normalizeHeader(header[0] ?? "") !== "date") return false;
    const byName = /chart data.*\.csv$/i.test(fileName);
    if (header.length === 2) return byName ? "file name" : false;
    if (isYouTubeMetric(header[header.length - 1] ?? "")) return "header";
    return byName ? "file name" : false;
  },
  open: (ctx) => {
    const last = ctx.header.length - 1;
    const metric = ctx.header[last] ?? "";
    const dims = ctx.header.slice(1, last);
    if (dims.length > 0) {
      return {
        nothing: `it is split by ${dims.join(", ")}: per-series values do not add up to the channel's daily total (import Totals.csv for that)`,
      };
    }
    const field = youtubeField(metric);
    if (!field)
      return { nothing: `"${metric}" is not a metric the dashboard stores (it keeps ${YOUTUBE_STORED})` };
    ctx.columns.index.set("value", last);
    return (row) => {
      const values: DailyValues = { date: fullDate(row, "date") };
      setYouTubeField(values, field, row.count("value"));
      return { daily: values };
    };
  },
};
