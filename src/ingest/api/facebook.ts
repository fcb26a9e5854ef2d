import { DateTime } from "luxon";
import {
  GraphApiError,
  type GraphGet,
  type GraphWording,
  graphFailure,
  nextCursor,
  readInsightsTolerant,
} from "./graph.ts";
import { asArray, asCount, asRecord, asString } from "./http.ts";
import type { CollectedDay, CollectedPost, HandleTarget, PlatformClient, RemovedMetrics } from "./types.ts";

/**
 * Facebook counts its days in Pacific time, whatever the Page's own zone. A Pacific day's
 * values are stored under that calendar date: Graph cannot re-cut days in the mission's zone,
 * and the follower count it gives is the one at the end of that day.
 */
export const FACEBOOK_ZONE = "America/Los_Angeles";

/** Page insights read each run (period `day`) and the daily field each one fills. */
export const FACEBOOK_PAGE_METRICS: readonly { metric: string; field: keyof Omit<CollectedDay, "date"> }[] = [
  // Lifetime follower count at the end of the day (replaces page_fans, removed Nov 2025).
  { metric: "page_follows", field: "followers" },
  { metric: "page_daily_follows_unique", field: "followersGained" },
  { metric: "page_daily_unfollows_unique", field: "followersLost" },
  // Replaces page_impressions (removed Nov 2025): Meta's "views".
  { metric: "page_media_view", field: "views" },
];

/** Days of insights read each run (re-reading a few days fills Meta's late corrections in). */
export const FACEBOOK_INSIGHT_DAYS = 7;
/** How far back published posts are read. */
export const FACEBOOK_POSTS_WINDOW_DAYS = 30;
/** At most this many pages of posts per handle and run. */
export const FACEBOOK_MAX_PAGES = 10;

/** What the Facebook client needs. */
export interface FacebookClientDeps {
  graphGet: GraphGet;
  now: Date;
  removed: RemovedMetrics;
  /** Wording of the command that stores a page token, for messages. */
  storeCommand: (handleRef: string) => string;
}

/**
 * The date a Facebook daily insight value belongs to. Graph stamps each daily value with
 * `end_time` = the Pacific midnight that *ends* the day (07:00 or 08:00 UTC): Meta's docs say
 * "the first end_time value will be the date specified by since plus 1 so that it includes the
 * since date data" (since = Jan 1 gives end_time Jan 2 08:00 GMT). So the value is for the
 * Pacific date of `end_time` minus one day. Rounding to the nearest Pacific midnight first keeps
 * a stamp an hour off around a DST change on the right day.
 */
export function facebookInsightDate(endTime: string): string | null {
  const end = DateTime.fromISO(endTime, { setZone: true });
  if (!end.isValid) return null;
  return end.setZone(FACEBOOK_ZONE).plus({ hours: 12 }).startOf("day").minus({ days: 1 }).toISODate();
}

/**
 * The Facebook Graph API client, for Pages: `GET /{page}` (followers_count), page insights
 * (`/{page}/insights`, one call for all metrics, each metric alone when one is refused), and
 * `/{page}/published_posts` with reactions, comments and shares (cursor paging). The page
 * token goes in the query string (Graph's way), so URLs are never logged.
 */
export function createFacebookClient(deps: FacebookClientDeps): PlatformClient {
  return {
    async collect(target: HandleTarget, token: string) {
      const handleRef = `facebook:${target.handle}`;
      const wording: GraphWording = {
        name: "Facebook",
        handleRef,
        permissions: "read_insights and pages_read_engagement",
        storeCommand: deps.storeCommand(handleRef),
      };
      try {
        return await collectPage(target, token);
      } catch (err) {
        if (err instanceof GraphApiError) throw graphFailure(err, wording);
        throw err;
      }
    },
  };

  async function collectPage(target: HandleTarget, token: string) {
    // With a Page token, /me is the Page itself: the registry's id is optional.
    const page = await deps.graphGet(
      `/${encodeURIComponent(target.externalId ?? "me")}`,
      { fields: "id,name,followers_count" },
      token,
      "page",
    );
    const pageId = asString(page.id) ?? target.externalId ?? "me";
    const removedHere: string[] = [];
    const days = await readInsights(pageId, token, removedHere);
    const posts = await readPosts(pageId, token);
    return {
      snapshot: { followers: asCount(page.followers_count) },
      days,
      posts,
      removedMetrics: removedHere,
      externalId: pageId,
    };
  }

  async function readInsights(pageId: string, token: string, removedHere: string[]): Promise<CollectedDay[]> {
    const today = DateTime.fromJSDate(deps.now).setZone(FACEBOOK_ZONE).startOf("day");
    const since = today.minus({ days: FACEBOOK_INSIGHT_DAYS }).toISODate() ?? "";
    // `until` is exclusive: the last complete Pacific day is yesterday.
    const until = today.toISODate() ?? "";
    const wanted = FACEBOOK_PAGE_METRICS.filter((m) => {
      if (!deps.removed.has("facebook", m.metric)) return true;
      removedHere.push(m.metric);
      return false;
    });
    const bodies = await readInsightsTolerant(
      wanted.map((m) => m.metric),
      (metrics) =>
        deps.graphGet(
          `/${encodeURIComponent(pageId)}/insights`,
          { metric: metrics.join(","), period: "day", since, until },
          token,
          "page insights",
        ),
      (metric, err) => {
        removedHere.push(metric);
        deps.removed.add("facebook", metric, err.message);
      },
    );
    const byDate = new Map<string, CollectedDay>();
    for (const body of bodies) {
      for (const item of asArray(body.data)) {
        const series = asRecord(item);
        const spec = FACEBOOK_PAGE_METRICS.find((m) => m.metric === series.name);
        if (!spec || (series.period !== undefined && series.period !== "day")) continue;
        for (const point of asArray(series.values)) {
          const p = asRecord(point);
          const date = facebookInsightDate(asString(p.end_time) ?? "");
          if (!date || date < since || date >= until) continue;
          const day = byDate.get(date) ?? { date };
          day[spec.field] = asCount(p.value);
          byDate.set(date, day);
        }
      }
    }
    return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  async function readPosts(pageId: string, token: string): Promise<CollectedPost[]> {
    const windowStart = deps.now.getTime() - FACEBOOK_POSTS_WINDOW_DAYS * 86_400_000;
    const posts: CollectedPost[] = [];
    let after: string | undefined;
    for (let page = 0; page < FACEBOOK_MAX_PAGES; page++) {
      const body = await deps.graphGet(
        `/${encodeURIComponent(pageId)}/published_posts`,
        {
          fields:
            "id,created_time,message,permalink_url,status_type," +
            "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares",
          since: String(Math.floor(windowStart / 1000)),
          limit: "100",
          after,
        },
        token,
        "published_posts",
      );
      let reachedOld = false;
      for (const item of asArray(body.data)) {
        const post = asRecord(item);
        const id = asString(post.id);
        const created = Date.parse(asString(post.created_time) ?? "");
        if (!id || !Number.isFinite(created)) continue;
        if (created < windowStart) {
          reachedOld = true;
          continue;
        }
        const reactions = asCount(asRecord(asRecord(post.reactions).summary).total_count);
        const comments = asCount(asRecord(asRecord(post.comments).summary).total_count);
        posts.push({
          externalId: id,
          publishedAt: new Date(created).toISOString(),
          url: asString(post.permalink_url),
          type: asString(post.status_type),
          caption: asString(post.message),
          likes: reactions,
          comments,
          // Graph leaves `shares` out of a post nobody has shared: that is a count of 0.
          shares: post.shares === undefined ? 0 : asCount(asRecord(post.shares).count),
        });
      }
      after = nextCursor(body);
      if (!after || reachedOld) break;
    }
    return posts;
  }
}
