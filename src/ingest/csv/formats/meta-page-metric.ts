import { normalizeHeader } from "../headers.ts";
import { fullDate } from "../read-helpers.ts";
import type { DailyValues, FormatSpec } from "../types.ts";

type DailyField = "views" | "impressions" | "followers" | "followersGained" | "followersLost";

/** Metric titles (the file's line 2, or its name) and the daily field each fills. */
const METRICS: Record<string, DailyField> = {
  views: "views",
  impressions: "impressions",
  follows: "followersGained",
  "new follows": "followersGained",
  "new followers": "followersGained",
  "facebook follows": "followersGained",
  "instagram follows": "followersGained",
  unfollows: "followersLost",
  "facebook unfollows": "followersLost",
  "instagram unfollows": "followersLost",
  followers: "followers",
  "total followers": "followers",
  "page followers": "followers",
  "facebook followers": "followers",
  "instagram followers": "followers",
};

/** Page-level metrics stored by the dashboard, for messages. */
const STORED = "Views, Impressions, Follows, Unfollows and Followers";

/**
 * Meta Business Suite page-level file (`Views.csv`, `Follows.csv`, …): UTF-16 LE with BOM, line 1
 * `sep=,`, line 2 the metric's title, line 3 `"Date","Primary"`, rows like
 * `"2025-08-01T00:00:00","67753"`. For a Facebook Page or an Instagram account.
 */
export const metaPageMetric: FormatSpec = {
  name: "meta_page_metric",
  label: "Meta Business Suite page metric",
  platforms: ["facebook", "instagram"],
  kind: "daily",
  columns: [
    { key: "date", names: ["Date"], required: true },
    { key: "value", names: ["Primary"], required: true },
  ],
  open: (ctx) => {
    const title = ctx.title ?? ctx.fileName.replace(/\.csv$/i, "");
    const field = METRICS[normalizeHeader(title)];
    if (!field) {
      return { nothing: `"${title}" is not a metric the dashboard stores (it keeps ${STORED})` };
    }
    return (row) => {
      const values: DailyValues = { date: fullDate(row, "date") };
      values[field] = row.count("value");
      return { daily: values };
    };
  },
};
