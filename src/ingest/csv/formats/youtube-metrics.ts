import { normalizeHeader } from "../headers.ts";
import type { DailyValues } from "../types.ts";

type YouTubeField =
  | "views"
  | "impressions"
  | "likes"
  | "comments"
  | "shares"
  | "followersGained"
  | "followersLost"
  | "netFollowers";

/** YouTube Studio metric names and the daily field each fills (`Subscribers` is the net change). */
const FIELDS: Record<string, YouTubeField> = {
  views: "views",
  impressions: "impressions",
  likes: "likes",
  "comments added": "comments",
  comments: "comments",
  shares: "shares",
  "subscribers gained": "followersGained",
  "subscribers lost": "followersLost",
  subscribers: "netFollowers",
};

/** The daily field a YouTube metric column fills, or undefined when the dashboard does not keep it. */
export function youtubeField(header: string): YouTubeField | undefined {
  return FIELDS[normalizeHeader(header)];
}

/** Metric names only YouTube Studio writes: enough, with `Date`, to tell a YouTube file without its name. */
const YOUTUBE_ONLY = new Set([
  "subscribers",
  "subscribers gained",
  "subscribers lost",
  "comments added",
  "watch time (hours)",
  "average view duration",
  "average percentage viewed (%)",
  "impressions click-through rate (%)",
  "estimated revenue (usd)",
  "engaged views",
  "stayed to watch (%)",
]);

/** True for a metric name that only YouTube Studio writes (`Watch time (hours)`, `Subscribers`). */
export function isYouTubeMetric(header: string): boolean {
  return YOUTUBE_ONLY.has(normalizeHeader(header));
}

/** YouTube daily metrics the dashboard stores, for messages. */
export const YOUTUBE_STORED =
  "Views, Impressions, Likes, Comments added, Shares, Subscribers (gained, lost, net)";

/** Sets one YouTube metric on a day. */
export function setYouTubeField(
  values: DailyValues,
  field: YouTubeField,
  value: number | null | undefined,
): void {
  values[field] = value;
}
