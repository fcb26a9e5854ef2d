import { instant } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";
import { perDayRowReason } from "./meta-lifetime.ts";

/**
 * Meta Business Suite content export for a Facebook Page: UTF-8 with BOM, `Publish time` as
 * `MM/DD/YYYY HH:mm` (read in the mission's time zone), `Date` = `Lifetime`, `N/A` cells,
 * thousands separators; older files say `Impressions` where newer say `Views`; the tail of the
 * header varies month to month. `Reactions` count as likes.
 */
export const facebookContent: FormatSpec = {
  name: "facebook_content",
  label: "Facebook content (Meta Business Suite)",
  platforms: ["facebook"],
  kind: "posts",
  columns: [
    { key: "postId", names: ["Post ID"], required: true },
    { key: "pageId", names: ["Page ID"], required: true },
    { key: "pageName", names: ["Page name"], required: true },
    { key: "title", names: ["Title"] },
    { key: "description", names: ["Description"] },
    { key: "publishTime", names: ["Publish time"], required: true },
    { key: "permalink", names: ["Permalink"] },
    { key: "postType", names: ["Post type"] },
    { key: "date", names: ["Date"] },
    { key: "views", names: ["Views"] },
    { key: "impressions", names: ["Impressions"] },
    { key: "reactions", names: ["Reactions"] },
    { key: "comments", names: ["Comments"] },
    { key: "shares", names: ["Shares"] },
  ],
  handleHint: (_fileName, rows) => {
    for (const row of rows) {
      const externalId = row.text("pageId") ?? undefined;
      const name = row.text("pageName") ?? undefined;
      if (externalId || name) return { externalId, name, from: "columns Page ID and Page name" };
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
        caption: row.text("title") ?? row.text("description"),
        likes: row.count("reactions"),
        comments: row.count("comments"),
        shares: row.count("shares"),
        views: row.count("views"),
        impressions: row.count("impressions"),
      },
    };
  },
};
