import { tiktokIdMs } from "../dates.ts";
import { accountFromUrl, instant } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";

const TIKTOK_HOSTS = /^tiktok\.com$/i;

/**
 * TikTok Studio `Content.csv`:
 * `"Time","Video title","Video link","Post time","Total likes","Total comments","Total shares","Total views"`.
 * The video id comes from the link; its top 32 bits are the publish time (exact), which wins
 * over `Post time` (a local time, sometimes without a year).
 */
export const tiktokContent: FormatSpec = {
  name: "tiktok_content",
  label: "TikTok Studio content",
  platforms: ["tiktok"],
  kind: "posts",
  fileName: /content.*\.csv$/i,
  columns: [
    { key: "title", names: ["Video title"], required: true },
    { key: "link", names: ["Video link"], required: true },
    { key: "postTime", names: ["Post time"], required: true },
    { key: "likes", names: ["Total likes"], required: true },
    { key: "comments", names: ["Total comments"] },
    { key: "shares", names: ["Total shares"] },
    { key: "views", names: ["Total views"] },
  ],
  handleHint: (_fileName, rows) => {
    for (const row of rows) {
      const handle = accountFromUrl(row.text("link"), TIKTOK_HOSTS);
      if (handle) return { handle, from: `column ${row.label("link")}` };
    }
    return null;
  },
  open: (ctx) => (row) => {
    const link = row.text("link");
    const id = /\/video\/(\d+)/.exec(link ?? "")?.[1] ?? (link && /^\d+$/.test(link) ? link : null);
    if (!id) return row.fail("link", "a TikTok video link (…/video/<id>)");
    const fromId = tiktokIdMs(id, ctx.nowMs + 86_400_000);
    return {
      post: {
        externalId: id,
        publishedMs: fromId ?? instant(row, "postTime", ctx.zone, ctx),
        url: link,
        caption: row.text("title"),
        likes: row.count("likes"),
        comments: row.count("comments"),
        shares: row.count("shares"),
        views: row.count("views"),
      },
    };
  },
};
