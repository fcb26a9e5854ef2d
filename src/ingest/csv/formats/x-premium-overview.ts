import { fullDate } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";

/**
 * X Premium account overview (`account_overview_analytics.csv`): one row a day (usually newest
 * first), dates like `"Fri, Mar 21, 2025"`. It has new follows and unfollows but no follower total.
 */
export const xPremiumOverview: FormatSpec = {
  name: "x_premium_overview",
  label: "X Premium account overview",
  platforms: ["x"],
  kind: "daily",
  fileName: /^account_overview_analytics.*\.csv$/i,
  followerDeltas: true,
  columns: [
    { key: "date", names: ["Date"], required: true },
    { key: "impressions", names: ["Impressions"], required: true },
    { key: "likes", names: ["Likes"] },
    { key: "newFollows", names: ["New follows"], required: true },
    { key: "unfollows", names: ["Unfollows"], required: true },
    { key: "replies", names: ["Replies"] },
    { key: "reposts", names: ["Reposts"] },
    { key: "created", names: ["Create Post", "Posts created", "Create post"] },
    { key: "videoViews", names: ["Video views"] },
  ],
  headerGenerations: [
    [
      "date",
      "impressions",
      "likes",
      "engagements",
      "bookmarks",
      "shares",
      "newFollows",
      "unfollows",
      "replies",
      "reposts",
      "profileVisits",
      "created",
      "videoViews",
      "mediaViews",
    ],
  ],
  open: () => (row) => ({
    daily: {
      date: fullDate(row, "date"),
      impressions: row.count("impressions"),
      likes: row.count("likes"),
      comments: row.count("replies"),
      shares: row.count("reposts"),
      followersGained: row.count("newFollows"),
      followersLost: row.count("unfollows"),
      postsPublished: row.count("created"),
      views: row.count("videoViews"),
    },
  }),
};
