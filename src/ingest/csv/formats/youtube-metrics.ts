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

/** Other YouTube Studio metrics, recognised (so the file is known) but not stored. */
const KNOWN_UNSTORED = new Set([
  "watch time (hours)",
  "average view duration",
  "average percentage viewed (%)",
  "impressions click-through rate (%)",
  "estimated revenue (usd)",
  "unique viewers",
  "returning viewers",
  "new viewers",
  "dislikes",
  "engaged views",
  "stayed to watch (%)",
  "playlist views",
]);

/** The daily field a YouTube metric column fills, or undefined when the dashboard does not keep it. */
export function youtubeField(header: string): YouTubeField | undefined {
  return FIELDS[normalizeHeader(header)];
}

/** True for any metric name YouTube Studio writes (stored or not). */
export function isYouTubeMetric(header: string): boolean {
  const h = normalizeHeader(header);
  return FIELDS[h] !== undefined || KNOWN_UNSTORED.has(h);
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
