import { dateInferringYear } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";

/**
 * TikTok Studio `FollowerHistory.csv`: `"Date","Followers","Difference in followers from previous day"`.
 * `Followers` is the day's total, an anchor for other files' daily changes.
 */
export const tiktokFollowers: FormatSpec = {
  name: "tiktok_followers",
  label: "TikTok Studio follower history",
  platforms: ["tiktok"],
  kind: "daily",
  fileName: /followerhistory.*\.csv$/i,
  columns: [
    { key: "date", names: ["Date", "Fecha"], required: true },
    { key: "followers", names: ["Followers", "Seguidores"], required: true },
    {
      key: "difference",
      names: [
        "Difference in followers from previous day",
        "Diferencia de seguidores respecto al día anterior",
      ],
      required: true,
    },
  ],
  headerGenerations: [["date", "followers", "difference"]],
  open: (ctx) => (row) => ({
    daily: { date: dateInferringYear(row, "date", ctx), followers: row.count("followers") },
  }),
};
