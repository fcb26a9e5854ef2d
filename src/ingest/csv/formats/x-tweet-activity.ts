import { decodeEntities, instant, sumCounts } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";

/** `tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv`; the handle may contain underscores. */
export const X_TWEET_FILE =
  /^tweet_activity_metrics_(.+)_(\d{8})_(\d{8})_[a-z]{2,3}(?:[-_][a-z]{2,4})?\.csv$/i;

/**
 * X (Twitter) classic tweet activity export: one row per tweet, every field quoted, `time` like
 * `2016-12-23 18:50 +0000`, counts as floats (`"1938.0"`), promoted columns `"-"`, text with
 * HTML entities and newlines.
 */
export const xTweetActivity: FormatSpec = {
  name: "x_tweet_activity",
  label: "X tweet activity (classic export)",
  platforms: ["x"],
  kind: "posts",
  fileName: X_TWEET_FILE,
  columns: [
    { key: "id", names: ["Tweet id"], required: true },
    { key: "permalink", names: ["Tweet permalink"], required: true },
    { key: "text", names: ["Tweet text"] },
    { key: "time", names: ["time"], required: true },
    { key: "impressions", names: ["impressions"], required: true },
    { key: "retweets", names: ["retweets", "reposts"] },
    { key: "quotes", names: ["quotes", "quote tweets"] },
    { key: "replies", names: ["replies"] },
    { key: "likes", names: ["likes"] },
    { key: "mediaViews", names: ["media views"] },
  ],
  handleHint: (fileName) => {
    const m = X_TWEET_FILE.exec(fileName);
    return m?.[1] ? { handle: m[1], from: "the file name" } : null;
  },
  open: (ctx) => (row) => {
    const id = row.text("id");
    if (id === null || !/^\d+$/.test(id)) return row.fail("id", "a tweet id (digits)");
    const caption = row.text("text");
    return {
      post: {
        externalId: id,
        publishedMs: instant(row, "time", "UTC", ctx),
        url: row.text("permalink"),
        caption: caption === null ? null : decodeEntities(caption),
        impressions: row.count("impressions"),
        likes: row.count("likes"),
        comments: row.count("replies"),
        shares: sumCounts(row.count("retweets"), row.count("quotes")),
        views: row.count("mediaViews"),
      },
    };
  },
};
