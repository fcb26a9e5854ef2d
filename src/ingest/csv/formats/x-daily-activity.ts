import { fullDate } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";

/** `daily_tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv`. */
export const X_DAILY_FILE =
  /^daily_tweet_activity_metrics_(.+)_(\d{8})_(\d{8})_[a-z]{2,3}(?:[-_][a-z]{2,4})?\.csv$/i;

/**
 * X (Twitter) classic daily export: `"Date","Tweets published"` then the tweet metrics, one row
 * a day, `Date` as `YYYY-MM-DD`. It has no follower figures.
 */
export const xDailyActivity: FormatSpec = {
  name: "x_daily_activity",
  label: "X daily activity (classic export)",
  platforms: ["x"],
  kind: "daily",
  fileName: X_DAILY_FILE,
  columns: [
    { key: "date", names: ["Date"], required: true },
    { key: "published", names: ["Tweets published", "Posts published"], required: true },
    { key: "impressions", names: ["impressions"], required: true },
    { key: "retweets", names: ["retweets", "reposts"] },
    { key: "replies", names: ["replies"] },
    { key: "likes", names: ["likes"] },
    { key: "mediaViews", names: ["media views"] },
  ],
  handleHint: (fileName) => {
    const m = X_DAILY_FILE.exec(fileName);
    return m?.[1] ? { handle: m[1], from: "the file name" } : null;
  },
  open: () => (row) => ({
    daily: {
      date: fullDate(row, "date"),
      postsPublished: row.count("published"),
      impressions: row.count("impressions"),
      likes: row.count("likes"),
      comments: row.count("replies"),
      shares: row.count("retweets"),
      views: row.count("mediaViews"),
    },
  }),
};
