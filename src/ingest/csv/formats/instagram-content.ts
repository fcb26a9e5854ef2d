import { instant } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";
import { perDayRowReason } from "./meta-lifetime.ts";

/**
 * Meta Business Suite content export for an Instagram account: `Post type` like `IG reel`,
 * `Date` = `Lifetime`, `Publish time` as `MM/DD/YYYY HH:mm` (read in the mission's time zone).
 */
export const instagramContent: FormatSpec = {
  name: "instagram_content",
  label: "Instagram content (Meta Business Suite)",
  platforms: ["instagram"],
  kind: "posts",
  columns: [
    { key: "postId", names: ["Post ID"], required: true },
    { key: "accountId", names: ["Account ID"], required: true },
    { key: "username", names: ["Account username"], required: true },
    { key: "description", names: ["Description"] },
    { key: "publishTime", names: ["Publish time"], required: true },
    { key: "permalink", names: ["Permalink"] },
    { key: "postType", names: ["Post type"] },
    { key: "date", names: ["Date"] },
    { key: "views", names: ["Views"] },
    { key: "impressions", names: ["Impressions"] },
    { key: "likes", names: ["Likes"] },
    { key: "shares", names: ["Shares"] },
    { key: "comments", names: ["Comments"] },
    { key: "saves", names: ["Saves"] },
  ],
  handleHint: (_fileName, rows) => {
    for (const row of rows) {
      const handle = row.text("username")?.replace(/^@/, "") ?? undefined;
      const externalId = row.text("accountId") ?? undefined;
      if (handle || externalId)
        return { handle, externalId, from: "columns Account ID and Account username" };
    }
    return null;
  },
  open: (ctx) => (row) => {
    const id = row.text("postId");
    if (id === null) return row.fail("postId", "a post id");
    const skip = perDayRowReason(row);
    if (skip) return { skip };
    return {
      post: {
        externalId: id,
        publishedMs: instant(row, "publishTime", ctx.zone, ctx),
        url: row.text("permalink"),
        type: row.text("postType"),
        caption: row.text("description"),
        likes: row.count("likes"),
        comments: row.count("comments"),
        shares: row.count("shares"),
        saves: row.count("saves"),
        views: row.count("views"),
        impressions: row.count("impressions"),
      },
    };
  },
};
