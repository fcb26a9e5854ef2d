import { asArray, asCount, asRecord, asString, backoffMs, buildUrl, type HttpClient } from "./http.ts";
import {
  CollectError,
  type CollectedPost,
  type HandleTarget,
  type PlatformClient,
  type Sleep,
} from "./types.ts";

/** The YouTube Data API's default base URL. */
export const YOUTUBE_API_URL = "https://www.googleapis.com/youtube/v3";

/** Quota units per call (channels.list, playlistItems.list and videos.list each cost 1). */
export const YOUTUBE_UNIT_COST = { channels: 1, playlistItems: 1, videos: 1 } as const;
/** The default daily quota of a Google Cloud project. */
export const YOUTUBE_DAILY_UNITS = 10_000;
/** How far back uploads are read. */
export const YOUTUBE_POSTS_WINDOW_DAYS = 30;
/** At most this many pages of 50 uploads per channel and run. */
export const YOUTUBE_MAX_PAGES = 4;
const RATE_RETRIES = 3;

/** Quota units spent in one run (the API has no rate-limit headers: we count ourselves). */
export interface QuotaCounter {
  used: number;
}

/** What the YouTube client needs. */
export interface YoutubeClientDeps {
  http: HttpClient;
  baseUrl: string;
  sleep: Sleep;
  now: Date;
  quota: QuotaCounter;
  /** Units this run may spend at most. */
  budget?: number;
  random?: () => number;
}

/**
 * The YouTube Data API v3 client: `channels.list` (statistics; by id, or by handle with
 * `forHandle`), the uploads playlist through `playlistItems.list` (`nextPageToken`/`pageToken`)
 * and `videos.list` (statistics, 50 ids a call). Counts arrive as strings. The API key goes in
 * the query string, so URLs are never logged.
 */
export function createYoutubeClient(deps: YoutubeClientDeps): PlatformClient {
  const budget = deps.budget ?? YOUTUBE_DAILY_UNITS;

  async function ytGet(
    resource: keyof typeof YOUTUBE_UNIT_COST,
    params: Record<string, string | undefined>,
    apiKey: string,
  ): Promise<Record<string, unknown>> {
    const url = buildUrl(deps.baseUrl, `/${resource}`, { ...params, key: apiKey });
    for (let attempt = 0; ; attempt++) {
      const cost = YOUTUBE_UNIT_COST[resource];
      if (deps.quota.used + cost > budget) {
        throw new CollectError(
          "quota",
          `This run has spent the ${budget.toLocaleString("en-US")} YouTube Data API units of a day's quota`,
          "the remaining YouTube handles are collected on the next run",
          "platform",
        );
      }
      // A refused call still costs its units.
      deps.quota.used += cost;
      const res = await deps.http.get({ platform: "youtube", url, label: `${resource}.list` });
      if (res.status === 200) return asRecord(res.body);
      const error = asRecord(asRecord(res.body).error);
      const first = asRecord(asArray(error.errors)[0]);
      const reason = asString(first.reason) ?? errorInfoReason(error) ?? "";
      const message = asString(error.message) ?? `HTTP ${res.status}`;
      if (reason === "quotaExceeded" || reason === "dailyLimitExceeded") {
        throw new CollectError(
          "quota",
          `The YouTube Data API daily quota is used up (${reason})`,
          "it resets at midnight Pacific time and the remaining YouTube handles are collected on the next run; " +
            "ask Google for a higher quota if this happens often",
          "platform",
        );
      }
      if (reason === "rateLimitExceeded" || reason === "userRateLimitExceeded" || res.status === 429) {
        if (attempt < RATE_RETRIES) {
          await deps.sleep(backoffMs(attempt, deps.random));
          continue;
        }
        throw new CollectError(
          "rate_limited",
          `YouTube is rate limiting this project (${reason || "HTTP 429"})`,
          "nothing to do, the next collection picks these handles up",
          "platform",
        );
      }
      if (reason === "keyInvalid" || reason === "API_KEY_INVALID" || /API key not valid/i.test(message)) {
        throw new CollectError(
          "token_expired",
          "YouTube rejected the API key (YOUTUBE_API_KEY)",
          "check the key in Google Cloud console (APIs & Services, Credentials) and set YOUTUBE_API_KEY",
          "platform",
        );
      }
      if (res.status === 403) {
        throw new CollectError(
          "permission",
          `YouTube refused access (${reason || "HTTP 403"}: ${message})`,
          "enable the YouTube Data API v3 for the key's Google Cloud project and check the key's restrictions",
          "platform",
        );
      }
      if (res.status === 404) {
        throw new CollectError(
          "not_found",
          `YouTube has no such ${resource === "channels" ? "channel" : "playlist"} (${reason || "HTTP 404"})`,
          "check the channel id (external_id) in the handles registry",
        );
      }
      throw new CollectError(
        "error",
        `YouTube answered HTTP ${res.status} (${reason || message})`,
        "the next collection tries again; tell an administrator if this repeats",
      );
    }
  }

  return {
    async collect(target: HandleTarget, apiKey: string) {
      const lookup = target.externalId
        ? { id: target.externalId }
        : { forHandle: target.handle.startsWith("@") ? target.handle : `@${target.handle}` };
      const body = await ytGet("channels", { part: "snippet,statistics,contentDetails", ...lookup }, apiKey);
      const channel = asRecord(asArray(body.items)[0]);
      const channelId = asString(channel.id);
      if (!channelId) {
        throw new CollectError(
          "not_found",
          `YouTube has no channel ${target.externalId ?? `@${target.handle.replace(/^@/, "")}`}`,
          "check the handle and the channel id (external_id, UC…) in the handles registry",
        );
      }
      const stats = asRecord(channel.statistics);
      const uploads = asString(asRecord(asRecord(channel.contentDetails).relatedPlaylists).uploads);
      const posts = uploads ? await readUploads(uploads, apiKey) : [];
      return {
        // A channel that hides its subscriber count has none to show: null, not 0.
        snapshot: { followers: stats.hiddenSubscriberCount === true ? null : asCount(stats.subscriberCount) },
        days: [],
        posts,
        removedMetrics: [],
        externalId: channelId,
      };
    },
  };

  async function readUploads(playlistId: string, apiKey: string): Promise<CollectedPost[]> {
    const windowStart = deps.now.getTime() - YOUTUBE_POSTS_WINDOW_DAYS * 86_400_000;
    const ids: string[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < YOUTUBE_MAX_PAGES; page++) {
      let body: Record<string, unknown>;
      try {
        body = await ytGet(
          "playlistItems",
          { part: "contentDetails", playlistId, maxResults: "50", pageToken },
          apiKey,
        );
      } catch (err) {
        // A channel that never uploaded has no uploads playlist.
        if (err instanceof CollectError && err.status === "not_found") return [];
        throw err;
      }
      let reachedOld = false;
      for (const item of asArray(body.items)) {
        const details = asRecord(asRecord(item).contentDetails);
        const id = asString(details.videoId);
        const published = Date.parse(asString(details.videoPublishedAt) ?? "");
        if (!id) continue;
        if (Number.isFinite(published) && published < windowStart) {
          reachedOld = true;
          continue;
        }
        ids.push(id);
      }
      pageToken = asString(body.nextPageToken) ?? undefined;
      if (!pageToken || reachedOld) break;
    }
    const posts: CollectedPost[] = [];
    for (let i = 0; i < ids.length; i += 50) {
      const body = await ytGet(
        "videos",
        { part: "snippet,statistics", id: ids.slice(i, i + 50).join(",") },
        apiKey,
      );
      for (const item of asArray(body.items)) {
        const video = asRecord(item);
        const id = asString(video.id);
        const snippet = asRecord(video.snippet);
        const published = Date.parse(asString(snippet.publishedAt) ?? "");
        if (!id || !Number.isFinite(published)) continue;
        const stats = asRecord(video.statistics);
        posts.push({
          externalId: id,
          publishedAt: new Date(published).toISOString(),
          url: `https://www.youtube.com/watch?v=${id}`,
          type: "video",
          caption: asString(snippet.title),
          views: asCount(stats.viewCount),
          // Absent when the owner hides likes or turns comments off: unknown, not 0.
          likes: asCount(stats.likeCount),
          comments: asCount(stats.commentCount),
        });
      }
    }
    return posts;
  }
}

function errorInfoReason(error: Record<string, unknown>): string | null {
  for (const detail of asArray(error.details)) {
    const reason = asString(asRecord(detail).reason);
    if (reason) return reason;
  }
  return null;
}
