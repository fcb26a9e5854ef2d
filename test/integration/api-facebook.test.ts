import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { collect, storeToken } from "../../src/ingest/api/collect.ts";
import { facebookInsightDate } from "../../src/ingest/api/facebook.ts";
import {
  type FakePage,
  type FakePlatformApis,
  fakeResponses,
  startFakePlatformApis,
} from "../fakes/platform-apis.ts";
import { tempDb } from "../helpers/db.ts";
import {
  captureLogger,
  dailyRows,
  handleState,
  NOW,
  optionsFor,
  postRows,
  recordingSleep,
  SECRET_KEY,
  seedHandle,
  seedMission,
} from "./api-helpers.ts";

const TOKEN = "EAAGfbPageTokenSecret123";

function page(id: string, token: string): FakePage {
  return {
    id,
    name: `Page ${id}`,
    token,
    followers_count: 5400,
    insights: {
      // end_time is the Pacific midnight that ends the day: 2026-11-20T08:00Z closes Nov 19.
      page_follows: [
        { end_time: "2026-11-12T08:00:00+0000", value: 5300 },
        { end_time: "2026-11-19T08:00:00+0000", value: 5390 },
        { end_time: "2026-11-20T08:00:00+0000", value: 5398 },
      ],
      page_daily_follows_unique: [{ end_time: "2026-11-20T08:00:00+0000", value: 12 }],
      page_daily_unfollows_unique: [{ end_time: "2026-11-20T08:00:00+0000", value: 4 }],
      page_media_view: [
        { end_time: "2026-11-19T08:00:00+0000", value: 7100 },
        { end_time: "2026-11-20T08:00:00+0000", value: 8800 },
      ],
    },
    posts: [
      {
        id: `${id}_3`,
        created_time: "2026-11-19T14:03:11+0000",
        message: "National day reception",
        permalink_url: `https://www.facebook.com/${id}/posts/3`,
        status_type: "added_photos",
        reactions: 120,
        comments: 8,
        shares: 5,
      },
      {
        // 21:00 on Nov 16 in New York.
        id: `${id}_2`,
        created_time: "2026-11-17T02:00:00+0000",
        permalink_url: `https://www.facebook.com/${id}/posts/2`,
        status_type: "mobile_status_update",
        reactions: 30,
        comments: 0,
      },
      {
        id: `${id}_1`,
        created_time: "2026-11-12T10:00:00+0000",
        message: "Visa hours",
        permalink_url: `https://www.facebook.com/${id}/posts/1`,
        status_type: "added_photos",
        reactions: 10,
        comments: 1,
        shares: 2,
      },
      {
        id: `${id}_0`,
        created_time: "2026-10-01T10:00:00+0000",
        permalink_url: `https://www.facebook.com/${id}/posts/0`,
        status_type: "added_photos",
        reactions: 99,
        comments: 9,
      },
    ],
  };
}

describe("Facebook day of an insight value", () => {
  it("is the Pacific date of end_time minus one day, in winter and summer time", () => {
    expect(facebookInsightDate("2026-11-20T08:00:00+0000")).toBe("2026-11-19");
    // DST ends on Nov 1 2026: Oct 31 ends at 07:00 UTC, Nov 1 at 08:00 UTC.
    expect(facebookInsightDate("2026-11-01T07:00:00+0000")).toBe("2026-10-31");
    expect(facebookInsightDate("2026-11-02T08:00:00+0000")).toBe("2026-11-01");
    // DST starts on Mar 8 2026.
    expect(facebookInsightDate("2026-03-08T08:00:00+0000")).toBe("2026-03-07");
    expect(facebookInsightDate("2026-03-09T07:00:00+0000")).toBe("2026-03-08");
    // An hour off around a change still lands on the same day.
    expect(facebookInsightDate("2026-11-02T07:00:00+0000")).toBe("2026-11-01");
    expect(facebookInsightDate("not a date")).toBeNull();
  });
});

describe("Facebook Graph API collection", () => {
  let fake: FakePlatformApis;
  let db: Db;
  let mission: number;
  let wash: number;

  beforeEach(async () => {
    fake = await startFakePlatformApis();
    fake.state.now = NOW;
    fake.state.graph.pageSize = 2;
    fake.state.graph.pages.push(page("2001", TOKEN), page("2002", "EAAGsecondPageToken456"));
    db = tempDb();
    mission = seedMission(db);
    wash = seedHandle(db, mission, "facebook", "mofa_wash", "2001");
    storeToken(db, wash, TOKEN, SECRET_KEY);
  });

  afterEach(async () => {
    await fake.close();
  });

  it("reads page insights, the follower count and every page of published posts", async () => {
    const log = captureLogger();
    const sleeper = recordingSleep();
    const results = await collect(db, optionsFor(fake, log.logger, sleeper.sleep));

    expect(results).toEqual([
      {
        handle: "mofa_wash",
        platform: "facebook",
        status: "ok",
        message: "Collected 3 days of account figures and 3 posts.",
        daysWritten: 3,
        postsWritten: 3,
        removedMetrics: [],
      },
    ]);
    const days = dailyRows(db, wash).map((d) => [
      d.date,
      d.followers,
      d.followers_gained,
      d.followers_lost,
      d.views,
    ]);
    expect(days).toEqual([
      ["2026-11-18", 5390, null, null, 7100],
      ["2026-11-19", 5398, 12, 4, 8800],
      // The snapshot (followers_count) under the mission's local date of the collection.
      ["2026-11-20", 5400, null, null, null],
    ]);
    expect(dailyRows(db, wash).every((d) => d.source === "api:facebook")).toBe(true);

    expect(postRows(db, wash)).toEqual([
      {
        external_id: "2001_1",
        published_at: "2026-11-12T10:00:00.000Z",
        local_date: "2026-11-12",
        url: "https://www.facebook.com/2001/posts/1",
        type: "added_photos",
        caption: "Visa hours",
        likes: 10,
        comments: 1,
        shares: 2,
        saves: null,
        views: null,
        impressions: null,
        counts_as_of: "2026-11-20",
        source: "api:facebook",
      },
      {
        external_id: "2001_2",
        published_at: "2026-11-17T02:00:00.000Z",
        local_date: "2026-11-16",
        url: "https://www.facebook.com/2001/posts/2",
        type: "mobile_status_update",
        caption: null,
        likes: 30,
        comments: 0,
        // Graph leaves `shares` out when nobody shared.
        shares: 0,
        saves: null,
        views: null,
        impressions: null,
        counts_as_of: "2026-11-20",
        source: "api:facebook",
      },
      {
        external_id: "2001_3",
        published_at: "2026-11-19T14:03:11.000Z",
        local_date: "2026-11-19",
        url: "https://www.facebook.com/2001/posts/3",
        type: "added_photos",
        caption: "National day reception",
        likes: 120,
        comments: 8,
        shares: 5,
        saves: null,
        views: null,
        impressions: null,
        counts_as_of: "2026-11-20",
        source: "api:facebook",
      },
    ]);

    const insights = fake.requests.filter((r) => r.path.endsWith("/insights"));
    expect(insights).toHaveLength(1);
    expect(insights[0]?.query).toMatchObject({
      metric: "page_follows,page_daily_follows_unique,page_daily_unfollows_unique,page_media_view",
      period: "day",
      since: "2026-11-13",
      until: "2026-11-20",
      access_token: TOKEN,
    });
    const postCalls = fake.requests.filter((r) => r.path.endsWith("/published_posts"));
    expect(postCalls.map((r) => r.query.after)).toEqual([
      undefined,
      Buffer.from("cursor:2").toString("base64"),
    ]);
    expect(handleState(db, wash).collection_status).toBe("ok");
    expect(sleeper.calls).toEqual([]);
    expect(log.text()).not.toContain(TOKEN);
  });

  it("logs a removed metric once, skips it for later handles and stores the others", async () => {
    const second = seedHandle(db, mission, "facebook", "mofa_wash_2", "2002");
    storeToken(db, second, "EAAGsecondPageToken456", SECRET_KEY);
    fake.state.graph.removedMetrics.add("page_daily_unfollows_unique");
    const log = captureLogger();
    const results = await collect(db, optionsFor(fake, log.logger, recordingSleep().sleep));

    expect(results.map((r) => [r.handle, r.status, r.removedMetrics])).toEqual([
      ["mofa_wash", "ok", ["page_daily_unfollows_unique"]],
      ["mofa_wash_2", "ok", ["page_daily_unfollows_unique"]],
    ]);
    expect(results[0]?.message).toBe(
      "Collected 3 days of account figures and 3 posts. Facebook no longer provides page_daily_unfollows_unique; " +
        "the other metrics were collected.",
    );
    const warnings = log.lines().filter((l) => l.metric === "page_daily_unfollows_unique");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.level).toBe(40);
    for (const id of [wash, second]) {
      const day = dailyRows(db, id).find((d) => d.date === "2026-11-19");
      expect(day).toMatchObject({ followers: 5398, followers_gained: 12, followers_lost: null, views: 8800 });
    }
    // The second page was asked for the remaining metrics only.
    const lastInsights = fake.requests.filter((r) => r.path === "/2002/insights");
    expect(lastInsights.map((r) => r.query.metric)).toEqual([
      "page_follows,page_daily_follows_unique,page_media_view",
    ]);
  });

  it("marks a rejected page token (190) token_expired, keeps the first date, and clears it after renewal", async () => {
    fake.script("graph", /^\/2001$/, fakeResponses.graphBadToken(), fakeResponses.graphBadToken());
    const sleeper = recordingSleep();
    const message =
      "Facebook rejected the page token (code 190, it has expired) since 2026-11-20: an admin of the account must " +
      "create a new Page access token (read_insights and pages_read_engagement) and store it with " +
      "`dmd credentials set facebook:mofa_wash`.";
    const [first] = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    expect(first).toMatchObject({ status: "token_expired", message, daysWritten: 0, postsWritten: 0 });
    expect(fake.requests).toHaveLength(1);
    expect(handleState(db, wash)).toMatchObject({
      collection_status: "token_expired",
      collection_error: message,
      collection_error_since: NOW.toISOString(),
      last_collected_at: null,
    });

    const later = new Date("2026-11-23T15:00:00Z");
    await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep, { now: later }));
    expect(handleState(db, wash)).toMatchObject({
      collection_error: message,
      collection_error_since: NOW.toISOString(),
    });

    const [renewed] = await collect(
      db,
      optionsFor(fake, captureLogger().logger, sleeper.sleep, { now: later }),
    );
    expect(renewed?.status).toBe("ok");
    expect(handleState(db, wash)).toMatchObject({
      collection_status: "ok",
      collection_error: null,
      collection_error_since: null,
      last_collected_at: later.toISOString(),
    });
    expect(sleeper.calls).toEqual([]);
  });

  it("marks a missing permission (10 or 200-299) permission, without retrying", async () => {
    fake.script("graph", "/insights", fakeResponses.graphPermission(10));
    const sleeper = recordingSleep();
    const [result] = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    expect(result).toMatchObject({
      status: "permission",
      message:
        "Facebook refused access (code 10: (#10) The permission(s) read_insights are not available. It could because " +
        "either they are deprecated or need to be approved by App Review.) since 2026-11-20: the token must carry " +
        "read_insights and pages_read_engagement: an admin of the account must create a new Page access token " +
        "(read_insights and pages_read_engagement) and store it with `dmd credentials set facebook:mofa_wash`.",
    });
    expect(fake.requests.filter((r) => r.path.endsWith("/insights"))).toHaveLength(1);
    expect(handleState(db, wash).collection_status).toBe("permission");
    expect(dailyRows(db, wash)).toEqual([]);

    fake.script("graph", /^\/2001$/, fakeResponses.graphPermission(200));
    await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    expect(handleState(db, wash).collection_status).toBe("permission");
    expect(sleeper.calls).toEqual([]);
  });

  it("never repeats a token that Graph echoes in an error message", async () => {
    fake.script(
      "graph",
      "/insights",
      fakeResponses.graphError(1, `An unknown error occurred for token ${TOKEN}`),
    );
    const log = captureLogger();
    const [result] = await collect(db, optionsFor(fake, log.logger, recordingSleep().sleep));
    expect(result).toMatchObject({
      status: "error",
      message:
        "Facebook answered with an error (code 1: An unknown error occurred for token [token]) since 2026-11-20: the " +
        "next collection tries again; tell an administrator if this repeats.",
    });
    expect(String(handleState(db, wash).collection_error)).not.toContain(TOKEN);
    expect(log.text()).not.toContain(TOKEN);
  });

  it("backs off on a throttling code and succeeds on the retry", async () => {
    fake.script("graph", "/insights", fakeResponses.graphThrottled(17));
    const sleeper = recordingSleep();
    const [result] = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    expect(sleeper.calls).toEqual([30_000]);
    expect(result?.status).toBe("ok");
    expect(dailyRows(db, wash)).toHaveLength(3);
  });

  it("gives up after a few throttled retries: rate_limited for the run", async () => {
    const second = seedHandle(db, mission, "facebook", "mofa_wash_2", "2002");
    storeToken(db, second, "EAAGsecondPageToken456", SECRET_KEY);
    fake.script("graph", "/insights", ...Array.from({ length: 4 }, () => fakeResponses.graphThrottled(4)));
    const sleeper = recordingSleep();
    const results = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    expect(sleeper.calls).toEqual([30_000, 60_000, 120_000]);
    expect(results.map((r) => r.status)).toEqual(["rate_limited", "rate_limited"]);
    expect(results[0]?.message).toBe(
      "Meta is throttling this app (code 4): nothing to do, the next collection picks it up.",
    );
    // The second page was not tried.
    expect(fake.requests.filter((r) => r.path.startsWith("/2002"))).toHaveLength(0);
  });

  it("slows down when a usage header reaches 90 %", async () => {
    fake.script("graph", /^\/2001$/, fakeResponses.graphUsage(95));
    const sleeper = recordingSleep();
    const [result] = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    expect(sleeper.calls).toEqual([60_000]);
    expect(result?.status).toBe("ok");
  });

  it("stops Graph collection when Meta says access returns only in many minutes", async () => {
    fake.script("graph", /^\/2001$/, fakeResponses.graphUsage(100, 25));
    const sleeper = recordingSleep();
    const [result] = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    expect(sleeper.calls).toEqual([]);
    expect(result).toMatchObject({
      status: "rate_limited",
      message:
        "Meta's API usage for this app is at 100 % (access returns in about 25 min): nothing to do, the next " +
        "collection picks these handles up.",
    });
  });

  it("skips a page without a stored token and says how to store one", async () => {
    const bare = seedHandle(db, mission, "facebook", "mofa_bare", "2003");
    const results = await collect(db, optionsFor(fake, captureLogger().logger, recordingSleep().sleep));
    expect(results.find((r) => r.handle === "mofa_bare")).toEqual({
      handle: "mofa_bare",
      platform: "facebook",
      status: "skipped",
      message:
        "No Facebook Page token is stored for facebook:mofa_bare: store one with `dmd credentials set facebook:mofa_bare` " +
        "(a Page access token with read_insights and pages_read_engagement).",
      daysWritten: 0,
      postsWritten: 0,
      removedMetrics: [],
    });
    expect(handleState(db, bare).collection_status).toBeNull();
  });

  it("says so when a stored token has passed its expiry date, without calling Graph", async () => {
    storeToken(db, wash, TOKEN, SECRET_KEY, "page_token", "2026-11-01");
    const [result] = await collect(db, optionsFor(fake, captureLogger().logger, recordingSleep().sleep));
    expect(result).toMatchObject({
      status: "token_expired",
      message:
        "The Facebook token stored for facebook:mofa_wash expired on 2026-11-01: renew it and store the new one with " +
        "`dmd credentials set facebook:mofa_wash`.",
    });
    expect(fake.requests).toHaveLength(0);
  });

  it("is idempotent: a second run the same day updates the same rows", async () => {
    const options = optionsFor(fake, captureLogger().logger, recordingSleep().sleep);
    await collect(db, options);
    const before = { days: dailyRows(db, wash), posts: postRows(db, wash) };
    const newest = fake.state.graph.pages[0]?.posts[0];
    if (newest) newest.reactions = 125;
    const [again] = await collect(db, options);
    expect(again?.status).toBe("ok");
    expect(dailyRows(db, wash)).toEqual(before.days);
    const posts = postRows(db, wash);
    expect(posts).toHaveLength(3);
    expect(posts.find((p) => p.external_id === "2001_3")?.likes).toBe(125);
    const count = db.$client.prepare("SELECT count(*) AS n FROM daily_metrics").get() as { n: number };
    expect(count.n).toBe(3);
  });
});
