import { instant } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";

/** Legacy Insights wrote post times with no zone; Facebook reported in Pacific time. */
export const LEGACY_ZONE = "America/Los_Angeles";

/**
 * Legacy Facebook Page Insights export (post level): UTF-8 with BOM,
 * `"Post ID",Permalink,"Post Message",Type,Countries,Languages,Posted,…`, row 2 descriptions,
 * `Posted` like `02/14/2016 12:40:16 AM` without a zone (read as Pacific time). Likes, comments
 * and shares come from the "by action type" columns.
 */
export const facebookLegacyPosts: FormatSpec = {
  name: "facebook_legacy_posts",
  label: "Facebook Page Insights (legacy, post level)",
  platforms: ["facebook"],
  kind: "posts",
  columns: [
    { key: "postId", names: ["Post ID"], required: true },
    { key: "permalink", names: ["Permalink"], required: true },
    { key: "message", names: ["Post Message"], required: true },
    { key: "type", names: ["Type"] },
    { key: "posted", names: ["Posted"], required: true },
    { key: "impressions", names: ["Lifetime Post Total Impressions"] },
    { key: "views", names: ["Lifetime Post Video Views", "Lifetime Total Video Views"] },
    {
      key: "likes",
      names: [
        "Lifetime Post Stories by action type - like",
        "Lifetime Talking About This (Post) by action type - like",
      ],
    },
    {
      key: "comments",
      names: [
        "Lifetime Post Stories by action type - comment",
        "Lifetime Talking About This (Post) by action type - comment",
      ],
    },
    {
      key: "shares",
      names: [
        "Lifetime Post Stories by action type - share",
        "Lifetime Talking About This (Post) by action type - share",
      ],
    },
  ],
  handleHint: (_fileName, rows) => {
    for (const row of rows) {
      const m = /^(\d+)_\d+$/.exec(row.text("postId") ?? "");
      if (m?.[1]) return { externalId: m[1], from: `column ${row.label("postId")} (its Page ID part)` };
    }
    return null;
  },
  open: (ctx) => (row) => {
    const id = row.text("postId");
    if (id === null) return { skip: "description row" };
    return {
      post: {
        externalId: id,
        publishedMs: instant(row, "posted", LEGACY_ZONE, ctx),
        url: row.text("permalink"),
        type: row.text("type"),
        caption: row.text("message"),
        likes: row.count("likes"),
        comments: row.count("comments"),
        shares: row.count("shares"),
        views: row.count("views"),
        impressions: row.count("impressions"),
      },
    };
  },
};
