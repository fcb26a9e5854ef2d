import type { FormatSpec } from "../types.ts";
import { facebookContent } from "./facebook-content.ts";
import { facebookLegacyPage } from "./facebook-legacy-page.ts";
import { facebookLegacyPosts } from "./facebook-legacy-posts.ts";
import { instagramContent } from "./instagram-content.ts";
import { metaPageMetric } from "./meta-page-metric.ts";
import { tiktokContent } from "./tiktok-content.ts";
import { tiktokFollowers } from "./tiktok-followers.ts";
import { tiktokOverview } from "./tiktok-overview.ts";
import { xDailyActivity } from "./x-daily-activity.ts";
import { xPremiumContent } from "./x-premium-content.ts";
import { xPremiumOverview } from "./x-premium-overview.ts";
import { xTweetActivity } from "./x-tweet-activity.ts";
import { youtubeChart } from "./youtube-chart.ts";
import { youtubeTable } from "./youtube-table.ts";
import { youtubeTotals } from "./youtube-totals.ts";

/** Every export format the importer reads, specific shapes first. */
export const FORMAT_SPECS: readonly FormatSpec[] = [
  xTweetActivity,
  xDailyActivity,
  xPremiumContent,
  xPremiumOverview,
  facebookContent,
  instagramContent,
  metaPageMetric,
  facebookLegacyPage,
  facebookLegacyPosts,
  youtubeTable,
  youtubeTotals,
  youtubeChart,
  tiktokOverview,
  tiktokFollowers,
  tiktokContent,
];

/** The format called `name`, if there is one. */
export function findFormat(name: string): FormatSpec | undefined {
  const n = name.trim().toLowerCase().replace(/-/g, "_");
  return FORMAT_SPECS.find((f) => f.name === n);
}
