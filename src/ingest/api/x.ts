import {
  asArray,
  asCount,
  asRecord,
  asString,
  buildUrl,
  type HttpClient,
  SHORT_WAIT_MS,
  serverNowMs,
} from "./http.ts";
import {
  CollectError,
  type CollectedPost,
  type HandleTarget,
  type PlatformClient,
  type Sleep,
} from "./types.ts";

/** The X API's default base URL. */
export const X_API_URL = "https://api.x.com";

/** How far back posts are read (their lifetime counts refreshed) on each run. */
export const X_POSTS_WINDOW_DAYS = 30;
/** At most this many pages of 100 posts per handle and run. */
export const X_MAX_PAGES = 10;
/** Waits for one 429 inside a run before giving up on the platform. */
const MAX_RATE_WAITS = 3;

/** What the X client needs. */
export interface XClientDeps {
  http: HttpClient;
  baseUrl: string;
  sleep: Sleep;
  now: Date;
}

/**
 * The X API v2 client: `GET /2/users/by/username/:u` (followers from `public_metrics`) and
 * `GET /2/users/:id/tweets` (recent posts with `public_metrics`, `meta.next_token` sent back as
 * `pagination_token`). The bearer token travels only in the Authorization header.
 */
export function createXClient(deps: XClientDeps): PlatformClient {
  async function xGet(
    path: string,
    params: Record<string, string | undefined>,
    bearer: string,
    label: string,
  ) {
    const url = buildUrl(deps.baseUrl, path, params);
    for (let waits = 0; ; waits++) {
      const res = await deps.http.get({
        platform: "x",
        url,
        label,
        headers: { authorization: `Bearer ${bearer}` },
      });
      if (res.status === 200) return asRecord(res.body);
      const body = asRecord(res.body);
      const title = asString(body.title) ?? "";
      const detail = asString(body.detail) ?? "";
      const type = asString(body.type) ?? "";
      if (res.status === 429 && type.endsWith("/problems/usage-capped")) {
        throw new CollectError(
          "quota",
          `The X API usage cap is reached (${title || "UsageCapExceeded"}${detail ? `: ${detail}` : ""})`,
          "no X handle can be collected until the cap resets or is raised in the X developer console (console.x.com)",
          "platform",
        );
      }
      if (res.status === 429) {
        const reset = Number(res.headers.get("x-rate-limit-reset"));
        const wait =
          Number.isFinite(reset) && reset > 0
            ? reset * 1000 - serverNowMs(res.headers, Date.now())
            : SHORT_WAIT_MS;
        if (wait <= SHORT_WAIT_MS && waits < MAX_RATE_WAITS) {
          await deps.sleep(Math.max(wait, 1_000));
          continue;
        }
        const at =
          Number.isFinite(reset) && reset > 0
            ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`
            : "";
        throw new CollectError(
          "rate_limited",
          `X is rate limiting this app${at}`,
          "nothing to do, the next collection picks these handles up",
          "platform",
        );
      }
      if (res.status === 402) {
        throw new CollectError(
          "quota",
          `The X API credits are used up (402 ${title || "CreditsDepleted"})`,
          "buy credits for the app in the X developer console (console.x.com); collection resumes on the next run",
          "platform",
        );
      }
      if (res.status === 401) {
        throw new CollectError(
          "token_expired",
          "X rejected the bearer token (HTTP 401)",
          "create a new bearer token for the app in the X developer console and set X_BEARER_TOKEN",
          "platform",
        );
      }
      if (res.status === 403) {
        throw new CollectError(
          "permission",
          `X refused access (HTTP 403${detail ? `: ${detail}` : title ? `: ${title}` : ""})`,
          "the app must belong to a project whose X API plan allows reading users and posts (X developer console)",
          "platform",
        );
      }
      throw new CollectError(
        "error",
        `X answered HTTP ${res.status}${detail ? ` (${detail})` : ""}`,
        "the next collection tries again; tell an administrator if this repeats",
      );
    }
  }

  return {
    async collect(target: HandleTarget, bearer: string) {
      const userBody = await xGet(
        `/2/users/by/username/${encodeURIComponent(target.handle)}`,
        { "user.fields": "public_metrics" },
        bearer,
        "users/by/username",
      );
      const user = asRecord(userBody.data);
      const userId = asString(user.id);
      if (!userId) {
        const error = asRecord(asArray(userBody.errors)[0]);
        const detail = asString(error.detail) ?? "no such user";
        throw new CollectError(
          "not_found",
          `X has no account @${target.handle} (${detail})`,
          "check the handle (renamed or suspended?) and correct it in the handles registry",
        );
      }
      const metrics = asRecord(user.public_metrics);
      const username = asString(user.username) ?? target.handle;
      const posts = await readPosts(userId, username, bearer);
      return {
        snapshot: { followers: asCount(metrics.followers_count) },
        days: [],
        posts,
        removedMetrics: [],
        externalId: userId,
      };
    },
  };

  async function readPosts(userId: string, username: string, bearer: string): Promise<CollectedPost[]> {
    const since = new Date(deps.now.getTime() - X_POSTS_WINDOW_DAYS * 86_400_000);
    const posts: CollectedPost[] = [];
    let token: string | undefined;
    for (let page = 0; page < X_MAX_PAGES; page++) {
      const body = await xGet(
        `/2/users/${encodeURIComponent(userId)}/tweets`,
        {
          max_results: "100",
          "tweet.fields": "created_at,public_metrics",
          // Reposts of other accounts' posts are not the mission's own posts.
          exclude: "retweets",
          start_time: `${since.toISOString().slice(0, 19)}Z`,
          pagination_token: token,
        },
        bearer,
        "users/tweets",
      );
      for (const item of asArray(body.data)) {
        const tweet = asRecord(item);
        const id = asString(tweet.id);
        const created = asString(tweet.created_at);
        if (!id || !created) continue;
        const m = asRecord(tweet.public_metrics);
        const retweets = asCount(m.retweet_count);
        const quotes = asCount(m.quote_count);
        posts.push({
          externalId: id,
          publishedAt: new Date(created).toISOString(),
          url: `https://x.com/${username}/status/${id}`,
          type: "post",
          caption: asString(tweet.text),
          likes: asCount(m.like_count),
          comments: asCount(m.reply_count),
          // METRICS.md: shares on X = reposts + quotes.
          shares: retweets === null && quotes === null ? null : (retweets ?? 0) + (quotes ?? 0),
          saves: asCount(m.bookmark_count),
          impressions: asCount(m.impression_count),
        });
      }
      token = asString(asRecord(body.meta).next_token) ?? undefined;
      if (!token) break;
    }
    return posts;
  }
}
