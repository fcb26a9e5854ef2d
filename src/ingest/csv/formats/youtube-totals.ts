import { normalizeHeader } from "../headers.ts";
import { fullDate } from "../read-helpers.ts";
import type { DailyValues, FormatSpec } from "../types.ts";
import { isYouTubeMetric, setYouTubeField, YOUTUBE_STORED, youtubeField } from "./youtube-metrics.ts";

/**
 * YouTube Studio `Totals.csv`: `Date,<metric>` for the channel, ISO dates (some re-saved as
 * `1/1/2022`). `Subscribers` is the day's net change: it fills follower totals only from an anchor.
 */
export const youtubeTotals: FormatSpec = {
  name: "youtube_totals",
  label: "YouTube Studio totals",
  platforms: ["youtube"],
  kind: "daily",
  generic: true,
  fileName: /totals.*\.csv$/i,
  columns: [{ key: "date", names: ["Date"], required: true }],
  acceptHeader: (header, fileName) => {
    if (header.length !== 2 || normalizeHeader(header[0] ?? "") !== "date") return false;
    if (isYouTubeMetric(header[1] ?? "")) return "header";
    return /totals.*\.csv$/i.test(fileName) ? "file name" : false;
  },
  open: (ctx) => {
    const metric = ctx.header[1] ?? "";
    const field = youtubeField(metric);
    if (!field)
      return { nothing: `"${metric}" is not a metric the dashboard stores (it keeps ${YOUTUBE_STORED})` };
    ctx.columns.index.set("value", 1);
    return (row) => {
      const values: DailyValues = { date: fullDate(row, "date") };
      setYouTubeField(values, field, row.count("value"));
      return { daily: values };
    };
  },
};
