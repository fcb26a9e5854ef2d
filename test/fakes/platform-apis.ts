/**
 * One fake HTTP server on 127.0.0.1 that speaks the X API v2, the Graph API (Facebook Pages and
 * Instagram) and the YouTube Data API v3 with their real response shapes, paging and errors.
 * Tests seed accounts in `state` and script one-shot answers (429s, throttling, bad tokens)
 * with `script()`. Base URLs: `xUrl` (X_API_URL), `graphUrl` (GRAPH_API_URL), `youtubeUrl`
 * (YOUTUBE_API_URL).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";

/** X public metrics of a user. */
export interface FakeXUser {
  id: string;
  username: string;
  name: string;
  public_metrics: {
    followers_count: number;
    following_count: number;
    tweet_count: number;
    listed_count: number;
    like_count: number;
  };
  tweets: FakeTweet[];
}

/** One post as `GET /2/users/:id/tweets` returns it. */
export interface FakeTweet {
  id: string;
  text: string;
  /** ISO with milliseconds and Z, as X writes it. */
  created_at: string;
  public_metrics: {
    retweet_count: number;
    reply_count: number;
    like_count: number;
    quote_count: number;
    bookmark_count: number;
    impression_count: number;
  };
}

/** A Facebook Page, its token, its daily insights (raw `end_time`) and its published posts. */
export interface FakePage {
  id: string;
  name: string;
  token: string;
  followers_count: number;
  insights: Record<string, { end_time: string; value: number }[]>;
  posts: FakeFbPost[];
  /** The linked Instagram professional account. */
  instagramId?: string;
}

/** A published Page post with its counts. */
export interface FakeFbPost {
  id: string;
  /** As Graph writes it: `2026-11-19T14:03:11+0000`. */
  created_time: string;
  message?: string;
  permalink_url: string;
  status_type: string;
  reactions: number;
  comments: number;
  /** Absent when nobody shared the post (Graph then leaves the field out). */
  shares?: number;
}

/** An Instagram professional account. */
export interface FakeIgUser {
  id: string;
  username: string;
  token: string;
  followers_count: number;
  follows_count: number;
  media_count: number;
  media: FakeIgMedia[];
}

/** One Instagram media with its fields and lifetime insights. */
export interface FakeIgMedia {
  id: string;
  caption?: string;
  media_type: "IMAGE" | "VIDEO" | "CAROUSEL_ALBUM";
  media_product_type: "FEED" | "REELS" | "STORY";
  permalink: string;
  /** `2026-11-19T14:03:11+0000`. */
  timestamp: string;
  /** Absent when the owner hides likes. */
  like_count?: number;
  comments_count: number;
  /** Lifetime insights; a metric missing here is missing from `data` (not computed yet). */
  insights: Record<string, number>;
  /** Metrics Graph refuses for this kind of media. */
  unsupported?: string[];
}

/** A YouTube channel and its uploads. */
export interface FakeChannel {
  id: string;
  /** The `@handle`. */
  handle: string;
  title: string;
  viewCount: number;
  subscriberCount: number;
  hiddenSubscriberCount: boolean;
  videos: FakeVideo[];
}

/** One upload. */
export interface FakeVideo {
  id: string;
  title: string;
  publishedAt: string;
  viewCount: number;
  /** Absent when likes are hidden. */
  likeCount?: number;
  /** Absent when comments are off. */
  commentCount?: number;
}

/** Everything the fake serves; tests change it freely. */
export interface FakeApiState {
  /** The server's clock, sent in the `Date` header. */
  now: Date;
  x: { bearer: string; users: FakeXUser[]; pageSize: number };
  graph: {
    pages: FakePage[];
    igUsers: FakeIgUser[];
    /** Metrics to refuse as invalid besides the ones Meta really removed. */
    removedMetrics: Set<string>;
    pageSize: number;
    /** Sent on every Graph answer. */
    usageHeaders: Record<string, string>;
  };
  youtube: { apiKey: string; channels: FakeChannel[]; pageSize: number };
}

/** A scripted answer. `passthrough`: serve the normal answer, with these headers added. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  passthrough?: boolean;
}

/** One request the fake received. */
export interface FakeRequest {
  api: "x" | "graph" | "youtube";
  /** Path after the API's prefix, e.g. `/2/users/by/username/foo`, `/123/insights`, `/channels`. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

/** The running fake. */
export interface FakePlatformApis {
  xUrl: string;
  graphUrl: string;
  youtubeUrl: string;
  state: FakeApiState;
  requests: FakeRequest[];
  /** Queues one-shot answers for the next requests of `api` whose path contains (or matches) `path`. */
  script(api: FakeRequest["api"], path: string | RegExp, ...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

/** Page metrics Meta removed (Nov 2025 and earlier). */
export const REMOVED_PAGE_METRICS = [
  "page_fans",
  "page_impressions",
  "page_impressions_unique",
  "page_engaged_users",
];
/** Page metrics the fake knows as valid. */
export const VALID_PAGE_METRICS = [
  "page_follows",
  "page_daily_follows",
  "page_daily_follows_unique",
  "page_daily_unfollows_unique",
  "page_media_view",
  "page_total_media_view_unique",
  "page_post_engagements",
  "page_views_total",
];
/** Instagram media metrics removed in April 2025. */
export const REMOVED_IG_METRICS = ["impressions", "plays", "video_views"];
const VALID_IG_METRICS = ["views", "reach", "likes", "comments", "saved", "shares", "total_interactions"];

const PACIFIC = "America/Los_Angeles";

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakePlatformApis(): Promise<FakePlatformApis> {
  const state: FakeApiState = {
    now: new Date(),
    x: { bearer: "x-bearer-secret", users: [], pageSize: 100 },
    graph: {
      pages: [],
      igUsers: [],
      removedMetrics: new Set(),
      pageSize: 100,
      usageHeaders: { "x-app-usage": JSON.stringify({ call_count: 1, total_cputime: 1, total_time: 1 }) },
    },
    youtube: { apiKey: "yt-key-secret", channels: [], pageSize: 50 },
  };
  const requests: FakeRequest[] = [];
  const scripts: { api: FakeRequest["api"]; path: string | RegExp; queue: ScriptedResponse[] }[] = [];
  let baseUrl = "";

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (err) {
      send(res, 500, { error: String(err) });
    }
  });

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      "content-type": "application/json; charset=UTF-8",
      date: state.now.toUTCString(),
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  function route(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", baseUrl);
    const query = Object.fromEntries(url.searchParams);
    const prefix = /^\/(x|graph\/v[\d.]+|youtube\/v3)(\/.*)$/.exec(url.pathname);
    if (!prefix) {
      send(res, 404, { error: "no such route" });
      return;
    }
    const api: FakeRequest["api"] =
      prefix[1] === "x" ? "x" : prefix[1]?.startsWith("graph") ? "graph" : "youtube";
    const path = prefix[2] ?? "/";
    requests.push({ api, path, query, authorization: req.headers.authorization });

    let extraHeaders: Record<string, string> = {};
    const entry = scripts.find(
      (s) =>
        s.api === api &&
        s.queue.length > 0 &&
        (typeof s.path === "string" ? path.includes(s.path) : s.path.test(path)),
    );
    const scripted = entry?.queue.shift();
    if (scripted && !scripted.passthrough) {
      send(res, scripted.status ?? 200, scripted.body ?? {}, {
        ...(api === "graph" ? state.graph.usageHeaders : {}),
        ...scripted.headers,
      });
      return;
    }
    if (scripted?.headers) extraHeaders = scripted.headers;

    const answer =
      api === "x"
        ? serveX(path, query, req)
        : api === "graph"
          ? serveGraph(path, query)
          : serveYoutube(path, query);
    const headers = api === "graph" ? { ...state.graph.usageHeaders, ...extraHeaders } : extraHeaders;
    send(res, answer.status, answer.body, headers);
  }

  // ---- X API v2 ----

  function serveX(path: string, query: Record<string, string>, req: IncomingMessage): Answer {
    if (req.headers.authorization !== `Bearer ${state.x.bearer}`) {
      return {
        status: 401,
        body: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" },
      };
    }
    const byName = /^\/2\/users\/by\/username\/([^/]+)$/.exec(path);
    if (byName) {
      const name = decodeURIComponent(byName[1] ?? "");
      const user = state.x.users.find((u) => u.username.toLowerCase() === name.toLowerCase());
      if (!user) {
        return {
          status: 200,
          body: {
            errors: [
              {
                value: name,
                detail: `Could not find user with username: [${name}].`,
                title: "Not Found Error",
                resource_type: "user",
                parameter: "username",
                resource_id: name,
                type: "https://api.twitter.com/2/problems/resource-not-found",
              },
            ],
          },
        };
      }
      const data: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
      if ((query["user.fields"] ?? "").includes("public_metrics")) data.public_metrics = user.public_metrics;
      return { status: 200, body: { data } };
    }
    const tweets = /^\/2\/users\/([^/]+)\/tweets$/.exec(path);
    if (tweets) {
      const user = state.x.users.find((u) => u.id === tweets[1]);
      if (!user) {
        return {
          status: 200,
          body: {
            errors: [
              {
                value: tweets[1],
                detail: `Could not find user with id: [${tweets[1]}].`,
                title: "Not Found Error",
                resource_type: "user",
                parameter: "id",
                resource_id: tweets[1],
                type: "https://api.twitter.com/2/problems/resource-not-found",
              },
            ],
          },
        };
      }
      const start = query.start_time ? Date.parse(query.start_time) : 0;
      const all = [...user.tweets]
        .filter((t) => Date.parse(t.created_at) >= start)
        .sort((a, b) => b.created_at.localeCompare(a.created_at));
      const size = Math.min(Number(query.max_results ?? 10), state.x.pageSize);
      const offset = query.pagination_token
        ? Number(query.pagination_token.replace(/^7140dibdnow9c7btw/, ""))
        : 0;
      const page = all.slice(offset, offset + size);
      if (page.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
      const meta: Record<string, unknown> = {
        result_count: page.length,
        newest_id: page[0]?.id,
        oldest_id: page[page.length - 1]?.id,
      };
      if (offset + size < all.length) meta.next_token = `7140dibdnow9c7btw${offset + size}`;
      return {
        status: 200,
        body: { data: page.map((t) => ({ ...t, edit_history_tweet_ids: [t.id] })), meta },
      };
    }
    return {
      status: 404,
      body: { title: "Not Found", type: "about:blank", status: 404, detail: "Not Found" },
    };
  }

  // ---- Graph API ----

  function serveGraph(path: string, query: Record<string, string>): Answer {
    const token = query.access_token;
    if (!token) {
      return graphErrorAnswer(
        400,
        "An active access token must be used to query information about the current user.",
        2500,
      );
    }
    const tokenPage = state.graph.pages.find((p) => p.token === token);
    const tokenIg = state.graph.igUsers.find((u) => u.token === token);
    if (!tokenPage && !tokenIg)
      return graphErrorAnswer(400, "Invalid OAuth access token - Cannot parse access token", 190);
    const [, rawId = "", edge] = path.split("/");
    const id = decodeURIComponent(rawId);
    const page = id === "me" ? tokenPage : state.graph.pages.find((p) => p.id === id);
    if (page && page.token === token) {
      if (!edge) return { status: 200, body: pickFields(pageNode(page), query.fields) };
      if (edge === "insights") return pageInsights(page, query);
      if (edge === "published_posts") return publishedPosts(page, query);
    }
    const ig = state.graph.igUsers.find((u) => u.id === id);
    if (ig && ig.token === token) {
      if (!edge) return { status: 200, body: pickFields(igNode(ig), query.fields) };
      if (edge === "media") return igMedia(ig, query);
    }
    for (const owner of state.graph.igUsers) {
      const media = owner.media.find((m) => m.id === id);
      if (media && owner.token === token && edge === "insights") return mediaInsights(media, query);
    }
    return graphErrorAnswer(
      400,
      `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      100,
      33,
      "GraphMethodException",
    );
  }

  function pageNode(page: FakePage): Record<string, unknown> {
    const node: Record<string, unknown> = {
      id: page.id,
      name: page.name,
      followers_count: page.followers_count,
    };
    if (page.instagramId) node.instagram_business_account = { id: page.instagramId };
    return node;
  }

  function igNode(u: FakeIgUser): Record<string, unknown> {
    return {
      id: u.id,
      username: u.username,
      followers_count: u.followers_count,
      follows_count: u.follows_count,
      media_count: u.media_count,
    };
  }

  function pageInsights(page: FakePage, query: Record<string, string>): Answer {
    const metrics = (query.metric ?? "").split(",").filter(Boolean);
    if (metrics.length === 0) {
      return graphErrorAnswer(
        400,
        "No metric was specified to be fetched. Please specify one or more metrics to be fetched and try again.",
        3001,
        1504028,
      );
    }
    for (const m of metrics) {
      const removed = REMOVED_PAGE_METRICS.includes(m) || state.graph.removedMetrics.has(m);
      if (removed || (!VALID_PAGE_METRICS.includes(m) && !(m in page.insights))) {
        return graphErrorAnswer(400, "(#100) The value must be a valid insights metric", 100);
      }
    }
    const since = pacificDate(query.since);
    const until = pacificDate(query.until);
    const data = metrics.map((name) => ({
      name,
      period: query.period ?? "day",
      values: (page.insights[name] ?? []).filter((v) => {
        const day =
          DateTime.fromISO(v.end_time, { setZone: true }).setZone(PACIFIC).minus({ days: 1 }).toISODate() ??
          "";
        return (!since || day >= since) && (!until || day < until);
      }),
      title: name,
      description: `Daily: ${name}`,
      id: `${page.id}/insights/${name}/day`,
    }));
    const link = (params: Record<string, string>) =>
      graphLink(`/${page.id}/insights`, { ...query, ...params });
    return {
      status: 200,
      body: { data, paging: { previous: link({ since: "previous" }), next: link({ until: "next" }) } },
    };
  }

  function publishedPosts(page: FakePage, query: Record<string, string>): Answer {
    const since = query.since ? Number(query.since) * 1000 : 0;
    const all = [...page.posts]
      .filter((p) => Date.parse(p.created_time) >= since)
      .sort((a, b) => Date.parse(b.created_time) - Date.parse(a.created_time));
    return cursorPage(
      all.map((p) => {
        const item: Record<string, unknown> = {
          id: p.id,
          created_time: p.created_time,
          permalink_url: p.permalink_url,
          status_type: p.status_type,
          reactions: { data: [], summary: { total_count: p.reactions, viewer_reaction: "NONE" } },
          comments: { data: [], summary: { order: "ranked", total_count: p.comments, can_comment: true } },
        };
        if (p.message !== undefined) item.message = p.message;
        if (p.shares !== undefined && p.shares > 0) item.shares = { count: p.shares };
        return item;
      }),
      query,
      `/${page.id}/published_posts`,
    );
  }

  function igMedia(u: FakeIgUser, query: Record<string, string>): Answer {
    const all = [...u.media].sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
    return cursorPage(
      all.map((m) => {
        const item: Record<string, unknown> = {
          id: m.id,
          media_type: m.media_type,
          media_product_type: m.media_product_type,
          permalink: m.permalink,
          timestamp: m.timestamp,
          comments_count: m.comments_count,
        };
        if (m.caption !== undefined) item.caption = m.caption;
        if (m.like_count !== undefined) item.like_count = m.like_count;
        return item;
      }),
      query,
      `/${u.id}/media`,
    );
  }

  function mediaInsights(media: FakeIgMedia, query: Record<string, string>): Answer {
    const metrics = (query.metric ?? "").split(",").filter(Boolean);
    for (const [i, m] of metrics.entries()) {
      if (REMOVED_IG_METRICS.includes(m)) {
        return graphErrorAnswer(
          400,
          `(#100) Starting from version 22 and above, the ${m} metric is no longer supported for the queried media. Please refer to the documentation at https://developers.facebook.com/docs/instagram-api/reference/ig-media/insights for a list of supported metrics.`,
          100,
        );
      }
      if (state.graph.removedMetrics.has(m) || !VALID_IG_METRICS.includes(m)) {
        const valid = VALID_IG_METRICS.filter((v) => !state.graph.removedMetrics.has(v)).join(", ");
        return graphErrorAnswer(
          400,
          `(#100) metric[${i}] must be one of the following values: ${valid}`,
          100,
        );
      }
      if (media.unsupported?.includes(m)) {
        return graphErrorAnswer(
          400,
          `(#100) The Media Insights API does not support the ${m} metric for this media product type.`,
          100,
        );
      }
    }
    const data = metrics
      .filter((m) => m in media.insights)
      .map((name) => ({
        name,
        period: "lifetime",
        values: [{ value: media.insights[name] }],
        title: name,
        description: `Lifetime: ${name}`,
        id: `${media.id}/insights/${name}/lifetime`,
      }));
    return { status: 200, body: { data } };
  }

  function cursorPage(items: unknown[], query: Record<string, string>, path: string): Answer {
    const size = Math.min(Number(query.limit ?? 25), state.graph.pageSize);
    const offset = query.after
      ? Number(Buffer.from(query.after, "base64").toString("utf8").replace("cursor:", ""))
      : 0;
    const slice = items.slice(offset, offset + size);
    const cursor = (n: number) => Buffer.from(`cursor:${n}`).toString("base64");
    const paging: Record<string, unknown> = {
      cursors: { before: cursor(offset), after: cursor(offset + slice.length) },
    };
    if (offset + size < items.length)
      paging.next = graphLink(path, { ...query, after: cursor(offset + size) });
    return { status: 200, body: slice.length > 0 ? { data: slice, paging } : { data: [] } };
  }

  function graphLink(path: string, params: Record<string, string>): string {
    const url = new URL(`${baseUrl}/graph/v26.0${path}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  }

  // ---- YouTube Data API v3 ----

  function serveYoutube(path: string, query: Record<string, string>): Answer {
    if (!query.key) {
      return youtubeErrorAnswer(
        403,
        "The request is missing a valid API key.",
        "forbidden",
        "global",
        "PERMISSION_DENIED",
      );
    }
    if (query.key !== state.youtube.apiKey) {
      return youtubeErrorAnswer(
        400,
        "API key not valid. Please pass a valid API key.",
        "badRequest",
        "global",
        "INVALID_ARGUMENT",
        [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "API_KEY_INVALID",
            domain: "googleapis.com",
          },
        ],
      );
    }
    if (path === "/channels") {
      const ids = (query.id ?? "").split(",").filter(Boolean);
      const handle = query.forHandle?.replace(/^@/, "").toLowerCase();
      const found = state.youtube.channels.filter(
        (c) =>
          ids.includes(c.id) || (handle !== undefined && c.handle.replace(/^@/, "").toLowerCase() === handle),
      );
      const body: Record<string, unknown> = {
        kind: "youtube#channelListResponse",
        etag: "etag-channels",
        pageInfo: { totalResults: found.length, resultsPerPage: 5 },
      };
      if (found.length > 0) body.items = found.map(channelItem);
      return { status: 200, body };
    }
    if (path === "/playlistItems") {
      const channel = state.youtube.channels.find((c) => uploadsOf(c) === query.playlistId);
      if (!channel) {
        return youtubeErrorAnswer(
          404,
          "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.",
          "playlistNotFound",
          "youtube.playlistItem",
          "NOT_FOUND",
        );
      }
      const all = [...channel.videos].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
      const size = Math.min(Number(query.maxResults ?? 5), state.youtube.pageSize);
      const offset = query.pageToken ? Number(query.pageToken.replace(/^EAAaBlBUOkNH/, "")) : 0;
      const slice = all.slice(offset, offset + size);
      const body: Record<string, unknown> = {
        kind: "youtube#playlistItemListResponse",
        etag: "etag-playlist",
        items: slice.map((v, i) => ({
          kind: "youtube#playlistItem",
          etag: `etag-${v.id}`,
          id: `${uploadsOf(channel)}.${offset + i}`,
          contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt },
        })),
        pageInfo: { totalResults: all.length, resultsPerPage: size },
      };
      if (offset + size < all.length) body.nextPageToken = `EAAaBlBUOkNH${offset + size}`;
      if (offset > 0) body.prevPageToken = `EAAaBlBUOkNH${Math.max(0, offset - size)}`;
      return { status: 200, body };
    }
    if (path === "/videos") {
      const ids = (query.id ?? "").split(",").filter(Boolean);
      const items = state.youtube.channels
        .flatMap((c) => c.videos.map((v) => ({ c, v })))
        .filter(({ v }) => ids.includes(v.id))
        .map(({ c, v }) => {
          const statistics: Record<string, string> = { viewCount: String(v.viewCount), favoriteCount: "0" };
          if (v.likeCount !== undefined) statistics.likeCount = String(v.likeCount);
          if (v.commentCount !== undefined) statistics.commentCount = String(v.commentCount);
          return {
            kind: "youtube#video",
            etag: `etag-${v.id}`,
            id: v.id,
            snippet: { publishedAt: v.publishedAt, channelId: c.id, title: v.title, description: "" },
            statistics,
          };
        });
      return {
        status: 200,
        body: {
          kind: "youtube#videoListResponse",
          etag: "etag-videos",
          items,
          pageInfo: { totalResults: items.length, resultsPerPage: items.length },
        },
      };
    }
    return youtubeErrorAnswer(404, "Not Found", "notFound", "global", "NOT_FOUND");
  }

  function channelItem(c: FakeChannel): Record<string, unknown> {
    const statistics: Record<string, unknown> = {
      viewCount: String(c.viewCount),
      hiddenSubscriberCount: c.hiddenSubscriberCount,
      videoCount: String(c.videos.length),
    };
    if (!c.hiddenSubscriberCount) statistics.subscriberCount = String(c.subscriberCount);
    return {
      kind: "youtube#channel",
      etag: `etag-${c.id}`,
      id: c.id,
      snippet: {
        title: c.title,
        description: "",
        customUrl: c.handle.toLowerCase(),
        publishedAt: "2012-03-01T10:00:00Z",
      },
      contentDetails: { relatedPlaylists: { likes: "", uploads: uploadsOf(c) } },
      statistics,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    xUrl: `${baseUrl}/x`,
    graphUrl: `${baseUrl}/graph/v26.0`,
    youtubeUrl: `${baseUrl}/youtube/v3`,
    state,
    requests,
    script(api, path, ...responses) {
      scripts.push({ api, path, queue: [...responses] });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

interface Answer {
  status: number;
  body: unknown;
}

function uploadsOf(c: FakeChannel): string {
  return `UU${c.id.slice(2)}`;
}

/** `YYYY-MM-DD` or Unix seconds, as a Pacific date; undefined when absent. */
function pacificDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value))
    return DateTime.fromSeconds(Number(value)).setZone(PACIFIC).toISODate() ?? undefined;
  return value.slice(0, 10);
}

function graphErrorAnswer(
  status: number,
  message: string,
  code: number,
  subcode?: number,
  type = "OAuthException",
): Answer {
  const error: Record<string, unknown> = { message, type, code };
  if (subcode !== undefined) error.error_subcode = subcode;
  error.fbtrace_id = "AbCdEfGhIjK";
  return { status, body: { error } };
}

function youtubeErrorAnswer(
  status: number,
  message: string,
  reason: string,
  domain: string,
  statusText: string,
  details?: unknown[],
): Answer {
  const error: Record<string, unknown> = {
    code: status,
    message,
    errors: [{ message, domain, reason }],
    status: statusText,
  };
  if (details) error.details = details;
  return { status, body: { error } };
}

function pickFields(node: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  if (!fields) return { id: node.id, name: node.name };
  const out: Record<string, unknown> = { id: node.id };
  for (const f of fields.split(",")) {
    const name = f.trim();
    if (name in node) out[name] = node[name];
  }
  return out;
}

/** The platforms' real error answers, for `script()`. */
export const fakeResponses = {
  /** X per-endpoint rate limit: 429 with `x-rate-limit-reset` (Unix seconds). */
  xRateLimited(resetUnixSeconds: number): ScriptedResponse {
    return {
      status: 429,
      headers: {
        "x-rate-limit-limit": "900",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(resetUnixSeconds),
      },
      body: { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
    };
  },
  /** X monthly usage cap: a 429 that is not a rate limit (final). */
  xUsageCapped(): ScriptedResponse {
    return {
      status: 429,
      headers: { "x-rate-limit-limit": "40000", "x-rate-limit-remaining": "39999" },
      body: {
        account_id: "1460198520736178177",
        product_name: "standard-basic",
        title: "UsageCapExceeded",
        period: "Monthly",
        scope: "Product",
        detail: "Usage cap exceeded: Monthly product cap",
        type: "https://api.twitter.com/2/problems/usage-capped",
      },
    };
  },
  /** X pay-per-use account without credits (final). */
  xCreditsDepleted(): ScriptedResponse {
    return {
      status: 402,
      body: {
        type: "https://api.twitter.com/2/problems/credits",
        title: "CreditsDepleted",
        detail:
          "Your enrolled account [1460198520736178177] does not have any credits to fulfill this request.",
      },
    };
  },
  /** Any Graph error. */
  graphError(code: number, message: string, subcode?: number, status = 400): ScriptedResponse {
    const answer = graphErrorAnswer(status, message, code, subcode);
    return { status: answer.status, body: answer.body };
  },
  /** Graph throttling: 4 (app), 17 (user), 32 (page), 613 (custom). */
  graphThrottled(code: 4 | 17 | 32 | 613): ScriptedResponse {
    const messages: Record<number, string> = {
      4: "(#4) Application request limit reached",
      17: "(#17) User request limit reached",
      32: "(#32) Page request limit reached",
      613: "(#613) Calls to this api have exceeded the rate limit.",
    };
    return fakeResponses.graphError(
      code,
      messages[code] ?? "limit reached",
      undefined,
      code === 4 ? 400 : 403,
    );
  },
  /** Graph 190: an expired page token (subcode 463). */
  graphBadToken(): ScriptedResponse {
    return fakeResponses.graphError(
      190,
      "Error validating access token: Session has expired on Friday, 20-Nov-26 01:00:00 PST. The current time is Friday, 20-Nov-26 06:13:04 PST.",
      463,
    );
  },
  /** Graph permission errors: 10, or 200–299. */
  graphPermission(code: number): ScriptedResponse {
    const message =
      code === 10
        ? "(#10) The permission(s) read_insights are not available. It could because either they are deprecated or need to be approved by App Review."
        : `(#${code}) Requires pages_read_engagement permission to manage the object`;
    return fakeResponses.graphError(code, message, undefined, 403);
  },
  /** A normal Graph answer carrying usage headers at `percent`. */
  graphUsage(percent: number, regainMinutes = 0): ScriptedResponse {
    const headers: Record<string, string> = {
      "x-app-usage": JSON.stringify({ call_count: percent, total_cputime: 5, total_time: 5 }),
    };
    if (regainMinutes > 0) {
      headers["x-business-use-case-usage"] = JSON.stringify({
        "104012345678901": [
          {
            type: "pages",
            call_count: percent,
            total_cputime: 5,
            total_time: 5,
            estimated_time_to_regain_access: regainMinutes,
          },
        ],
      });
    }
    return { passthrough: true, headers };
  },
  /** YouTube daily quota spent. */
  youtubeQuotaExceeded(): ScriptedResponse {
    const message =
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';
    return {
      status: 403,
      body: {
        error: {
          code: 403,
          message,
          errors: [{ message, domain: "youtube.quota", reason: "quotaExceeded" }],
        },
      },
    };
  },
  /** A 5xx. */
  serverError(status = 503): ScriptedResponse {
    return { status, body: { error: "Service Unavailable" } };
  },
};
