import { snowflakeMs } from "../dates.ts";
import { accountFromUrl, decodeEntities, fullDate, sumCounts } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";

const X_HOSTS = /^(?:x|twitter)\.com$/i;

const GENERATION = [
  "id",
  "date",
  "text",
  "link",
  "impressions",
  "likes",
  "engagements",
  "bookmarks",
  "share",
  "newFollows",
  "replies",
  "reposts",
  "profileVisits",
  "detailExpands",
  "urlClicks",
  "hashtagClicks",
  "permalinkClicks",
] as const;

/**
 * X Premium content export (`account_analytics_content_<from>_<to>.csv`), both header generations
 * (2025: `Link`, `Share`, `Thu Mar 20 2025`; 2026: `Post Link`, `Shares`, `"Sun, Aug 30, 2026"`).
 * Only a date is given: the publish instant comes from the post id (a snowflake). Rows are in
 * no particular order. A translated header of the same width is read by position.
 */
export const xPremiumContent: FormatSpec = {
  name: "x_premium_content",
  label: "X Premium content analytics",
  platforms: ["x"],
  kind: "posts",
  fileName: /^account_analytics_content.*\.csv$/i,
  columns: [
    { key: "id", names: ["Post id", "Tweet id"], required: true },
    { key: "date", names: ["Date"], required: true },
    { key: "text", names: ["Post text", "Tweet text"] },
    { key: "link", names: ["Link", "Post Link", "Post permalink"] },
    { key: "impressions", names: ["Impressions"], required: true },
    { key: "likes", names: ["Likes"] },
    { key: "bookmarks", names: ["Bookmarks"] },
    { key: "replies", names: ["Replies"] },
    { key: "reposts", names: ["Reposts", "Retweets"] },
    { key: "quotes", names: ["Quotes", "Quote posts"] },
  ],
  headerGenerations: [GENERATION],
  handleHint: (_fileName, rows) => {
    for (const row of rows) {
      const handle = accountFromUrl(row.text("link"), X_HOSTS);
      if (handle) return { handle, from: `column ${row.label("link")}` };
    }
    return null;
  },
  open: (ctx) => (row) => {
    const id = row.text("id");
    if (id === null || !/^\d+$/.test(id)) return row.fail("id", "a post id (digits)");
    const date = fullDate(row, "date");
    const ms = snowflakeMs(id, ctx.nowMs + 86_400_000);
    const caption = row.text("text");
    return {
      post: {
        externalId: id,
        publishedMs: ms,
        localDate: date,
        url: row.text("link"),
        caption: caption === null ? null : decodeEntities(caption),
        impressions: row.count("impressions"),
        likes: row.count("likes"),
        comments: row.count("replies"),
        shares: sumCounts(row.count("reposts"), row.count("quotes")),
        saves: row.count("bookmarks"),
      },
    };
  },
};
