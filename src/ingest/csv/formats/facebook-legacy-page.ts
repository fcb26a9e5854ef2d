import { fullDate } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";

/**
 * Legacy Facebook Page Insights export (page level): `Date,Lifetime Total Likes,Daily New Likes,…`
 * with thousands of columns, some names duplicated (the first of each is read), row 2 a row of
 * descriptions with an empty `Date`, dates like `8/24/2014`, Windows-1252 text. Page likes were
 * the follower count of the time.
 */
export const facebookLegacyPage: FormatSpec = {
  name: "facebook_legacy_page",
  label: "Facebook Page Insights (legacy, page level)",
  platforms: ["facebook"],
  kind: "daily",
  columns: [
    { key: "date", names: ["Date"], required: true },
    { key: "totalLikes", names: ["Lifetime Total Likes"], required: true },
    { key: "newLikes", names: ["Daily New Likes"] },
    { key: "unlikes", names: ["Daily Unlikes"] },
    { key: "impressions", names: ["Daily Total Impressions"] },
  ],
  open: () => (row) => {
    if (row.text("date") === null) return { skip: "description row" };
    return {
      daily: {
        date: fullDate(row, "date"),
        followers: row.count("totalLikes"),
        followersGained: row.count("newLikes"),
        followersLost: row.count("unlikes"),
        impressions: row.count("impressions"),
      },
    };
  },
};
