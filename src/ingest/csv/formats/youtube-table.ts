import { isoDate } from "../dates.ts";
import { normalizeHeader } from "../headers.ts";
import type { FormatSpec } from "../types.ts";

/**
 * YouTube Studio `Table data.csv`: one row per video with the metrics that were chosen; row 2 is
 * `Total`; ids starting with `-` carry a leading space; `Video publish time` like
 * `"Sep 27, 2024"` or empty; empty cells are unavailable. Counts cover the date range chosen in
 * YouTube Studio and are stored as of the export date.
 */
export const youtubeTable: FormatSpec = {
  name: "youtube_table",
  label: "YouTube Studio table data",
  platforms: ["youtube"],
  kind: "posts",
  fileName: /table data.*\.csv$/i,
  // Chart data.csv repeats Content and Video title after its Date column.
  acceptHeader: (header) => (normalizeHeader(header[0] ?? "") === "date" ? false : "header"),
  columns: [
    { key: "content", names: ["Content", "Video"], required: true },
    { key: "title", names: ["Video title"], required: true },
    { key: "published", names: ["Video publish time", "Video publish date", "Publish time"] },
    { key: "views", names: ["Views"] },
    { key: "impressions", names: ["Impressions"] },
    { key: "likes", names: ["Likes"] },
    { key: "comments", names: ["Comments added", "Comments"] },
    { key: "shares", names: ["Shares"] },
  ],
  open: () => (row) => {
    const id = row.text("content");
    if (id === null) return row.fail("content", "a video id");
    if (id.toLowerCase() === "total") return { skip: "Total row" };
    const published = row.text("published");
    if (published === null) return { skip: `video ${id} has no publish date` };
    const d = row.date("published");
    if (d.year === null) return row.fail("published", "a date with a year");
    return {
      post: {
        externalId: id,
        publishedMs: null,
        localDate: isoDate(d.year, d.month, d.day),
        url: `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`,
        caption: row.text("title"),
        views: row.count("views"),
        impressions: row.count("impressions"),
        likes: row.count("likes"),
        comments: row.count("comments"),
        shares: row.count("shares"),
      },
    };
  },
};
