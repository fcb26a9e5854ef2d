import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { collect } from "../../src/ingest/api/collect.ts";
import {
  type FakePlatformApis,
  type FakeTweet,
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
  seedHandle,
  seedMission,
} from "./api-helpers.ts";

function tweet(
  id: string,
  createdAt: string,
  m: [number, number, number, number, number, number],
): FakeTweet {
  const [retweet, reply, like, quote, bookmark, impression] = m;
  return {
    id,
    text: `post ${id} &amp; more`,
    created_at: createdAt,
    public_metrics: {
      retweet_count: retweet,
      reply_count: reply,
      like_count: like,
      quote_count: quote,
      bookmark_count: bookmark,
      impression_count: impression,
    },
  };
}

describe("X API collection", () => {
  let fake: FakePlatformApis;
  let db: Db;
  let washX: number;

  beforeEach(async () => {
    fake = await startFakePlatformApis();
    fake.state.now = NOW;
    fake.state.x.pageSize = 2;
    fake.state.x.users.push(
      {
        id: "1001",
        username: "MOFA_Washington",
        name: "Embassy in Washington",
        public_metrics: {
          followers_count: 12345,
          following_count: 300,
          tweet_count: 4200,
          listed_count: 80,
          like_count: 900,
        },
        tweets: [
          // 22:30 on Nov 19 in New York.
          tweet("1860000000000000003", "2026-11-20T03:30:00.000Z", [5, 2, 40, 1, 3, 1200]),
          tweet("1860000000000000002", "2026-11-18T12:00:00.000Z", [0, 0, 7, 0, 0, 300]),
          tweet("1860000000000000001", "2026-11-10T23:59:00.000Z", [1, 1, 1, 1, 1, 100]),
          // Older than the 30-day window: not read.
          tweet("1850000000000000000", "2026-10-01T12:00:00.000Z", [9, 9, 9, 9, 9, 900]),
        ],
      },
      {
        id: "1002",
        username: "MOFA_Tokyo",
        name: "Embassy in Tokyo",
        public_metrics: {
          followers_count: 800,
          following_count: 10,
          tweet_count: 50,
          listed_count: 2,
          like_count: 5,
        },
        tweets: [],
      },
    );
    db = tempDb();
    const mission = seedMission(db);
    washX = seedHandle(db, mission, "x", "MOFA_Washington");
  });

  afterEach(async () => {
    await fake.close();
  });

  it("reads followers and every page of recent posts into daily_metrics and posts", async () => {
    const log = captureLogger();
    const sleeper = recordingSleep();
    const results = await collect(db, optionsFor(fake, log.logger, sleeper.sleep));

    expect(results).toEqual([
      {
        handle: "MOFA_Washington",
        platform: "x",
        status: "ok",
        message: "Collected 1 day of account figures and 3 posts.",
        daysWritten: 1,
        postsWritten: 3,
        removedMetrics: [],
      },
    ]);
    expect(dailyRows(db, washX)).toEqual([
      {
        date: "2026-11-20",
        followers: 12345,
        followers_gained: null,
        followers_lost: null,
        impressions: null,
        views: null,
        posts_published: null,
        likes: null,
        comments: null,
        shares: null,
        source: "api:x",
        collected_at: NOW.toISOString(),
      },
    ]);
    const posts = postRows(db, washX);
    expect(posts.map((p) => [p.external_id, p.local_date])).toEqual([
      ["1860000000000000001", "2026-11-10"],
      ["1860000000000000002", "2026-11-18"],
      ["1860000000000000003", "2026-11-19"],
    ]);
    expect(posts[2]).toEqual({
      external_id: "1860000000000000003",
      published_at: "2026-11-20T03:30:00.000Z",
      local_date: "2026-11-19",
      url: "https://x.com/MOFA_Washington/status/1860000000000000003",
      type: "post",
      caption: "post 1860000000000000003 &amp; more",
      likes: 40,
      comments: 2,
      // reposts 5 + quotes 1
      shares: 6,
      saves: 3,
      views: null,
      impressions: 1200,
      counts_as_of: "2026-11-20",
      source: "api:x",
    });
    expect(handleState(db, washX)).toEqual({
      collection_status: "ok",
      collection_error: null,
      collection_error_since: null,
      last_collected_at: NOW.toISOString(),
      external_id: "1001",
    });

    const tweetCalls = fake.requests.filter((r) => r.path.endsWith("/tweets"));
    expect(tweetCalls).toHaveLength(2);
    expect(tweetCalls[0]?.query.pagination_token).toBeUndefined();
    expect(tweetCalls[0]?.query.start_time).toBe("2026-10-21T15:00:00Z");
    expect(tweetCalls[1]?.query.pagination_token).toBe("7140dibdnow9c7btw2");
    expect(fake.requests.every((r) => r.authorization === "Bearer x-bearer-secret")).toBe(true);
    expect(sleeper.calls).toEqual([]);
    expect(log.text()).not.toContain("x-bearer-secret");
  });

  it("waits for x-rate-limit-reset when it is near, then goes on", async () => {
    const reset = NOW.getTime() / 1000 + 30;
    fake.script("x", "/tweets", fakeResponses.xRateLimited(reset));
    const sleeper = recordingSleep();
    const [result] = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));

    expect(sleeper.calls).toEqual([30_000]);
    expect(result?.status).toBe("ok");
    expect(postRows(db, washX)).toHaveLength(3);
  });

  it("stops X for the run when the reset is far, without waiting", async () => {
    const mission = seedMission(db, "tokyo", "Asia/Tokyo");
    const tokyo = seedHandle(db, mission, "x", "MOFA_Tokyo");
    fake.script("x", "/users/by/username/", fakeResponses.xRateLimited(NOW.getTime() / 1000 + 900));
    const sleeper = recordingSleep();
    const results = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));

    expect(sleeper.calls).toEqual([]);
    expect(results.map((r) => [r.handle, r.status])).toEqual([
      ["MOFA_Tokyo", "rate_limited"],
      ["MOFA_Washington", "rate_limited"],
    ]);
    expect(results[0]?.message).toBe(
      "X is rate limiting this app until 15:15 UTC: nothing to do, the next collection picks these handles up.",
    );
    // Only the first handle was tried.
    expect(fake.requests.filter((r) => r.api === "x")).toHaveLength(1);
    expect(handleState(db, tokyo).collection_status).toBe("rate_limited");
    expect(dailyRows(db, washX)).toEqual([]);
  });

  it("treats the monthly usage cap as final: no retry, status quota for every X handle", async () => {
    const mission = seedMission(db, "tokyo", "Asia/Tokyo");
    const tokyo = seedHandle(db, mission, "x", "MOFA_Tokyo");
    fake.script("x", "/users/by/username/", fakeResponses.xUsageCapped());
    const sleeper = recordingSleep();
    const results = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));

    expect(sleeper.calls).toEqual([]);
    expect(results.map((r) => r.status)).toEqual(["quota", "quota"]);
    expect(fake.requests.filter((r) => r.api === "x")).toHaveLength(1);
    // Tokyo's local date at 15:00 UTC is already Nov 21.
    expect(handleState(db, tokyo)).toMatchObject({
      collection_status: "quota",
      collection_error:
        "The X API usage cap is reached (UsageCapExceeded: Usage cap exceeded: Monthly product cap) since 2026-11-21: " +
        "no X handle can be collected until the cap resets or is raised in the X developer console (console.x.com).",
      collection_error_since: NOW.toISOString(),
    });
  });

  it("treats 402 CreditsDepleted as final and keeps the first failure's date on later runs", async () => {
    fake.script(
      "x",
      "/users/by/username/",
      fakeResponses.xCreditsDepleted(),
      fakeResponses.xCreditsDepleted(),
    );
    const sleeper = recordingSleep();
    const [first] = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    const message =
      "The X API credits are used up (402 CreditsDepleted) since 2026-11-20: buy credits for the app in the X developer " +
      "console (console.x.com); collection resumes on the next run.";
    expect(first).toMatchObject({ status: "quota", message });

    const nextDay = new Date("2026-11-21T15:00:00Z");
    const [second] = await collect(
      db,
      optionsFor(fake, captureLogger().logger, sleeper.sleep, { now: nextDay }),
    );
    expect(second).toMatchObject({ status: "quota", message });
    expect(handleState(db, washX)).toMatchObject({
      collection_status: "quota",
      collection_error_since: NOW.toISOString(),
    });
    expect(sleeper.calls).toEqual([]);

    // Credits bought: the next run succeeds and clears the problem.
    const [third] = await collect(
      db,
      optionsFor(fake, captureLogger().logger, sleeper.sleep, { now: nextDay }),
    );
    expect(third?.status).toBe("ok");
    expect(handleState(db, washX)).toMatchObject({
      collection_status: "ok",
      collection_error: null,
      collection_error_since: null,
      last_collected_at: nextDay.toISOString(),
    });
  });

  it("reports an unknown user (HTTP 200 with errors[]) as not_found", async () => {
    const mission = seedMission(db, "paris", "Europe/Paris");
    const ghost = seedHandle(db, mission, "x", "MOFA_Nobody");
    const results = await collect(
      db,
      optionsFor(fake, captureLogger().logger, recordingSleep().sleep, { handle: "x:mofa_nobody" }),
    );
    expect(results).toEqual([
      {
        handle: "MOFA_Nobody",
        platform: "x",
        status: "not_found",
        message:
          "X has no account @MOFA_Nobody (Could not find user with username: [MOFA_Nobody].) since 2026-11-20: " +
          "check the handle (renamed or suspended?) and correct it in the handles registry.",
        daysWritten: 0,
        postsWritten: 0,
        removedMetrics: [],
      },
    ]);
    expect(handleState(db, ghost).collection_status).toBe("not_found");
  });

  it("reports a rejected bearer token as token_expired for every X handle", async () => {
    const results = await collect(db, {
      ...optionsFor(fake, captureLogger().logger, recordingSleep().sleep),
      env: {
        ...optionsFor(fake, captureLogger().logger, recordingSleep().sleep).env,
        X_BEARER_TOKEN: "stale",
      },
    });
    expect(results[0]).toMatchObject({
      status: "token_expired",
      message:
        "X rejected the bearer token (HTTP 401) since 2026-11-20: create a new bearer token for the app in the X " +
        "developer console and set X_BEARER_TOKEN.",
    });
  });

  it("retries a 5xx with backoff and then succeeds", async () => {
    fake.script("x", "/users/by/username/", fakeResponses.serverError(503), fakeResponses.serverError(502));
    const sleeper = recordingSleep();
    const [result] = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    expect(result?.status).toBe("ok");
    expect(sleeper.calls).toHaveLength(2);
    expect(sleeper.calls[0]).toBeGreaterThanOrEqual(1_000);
    expect(sleeper.calls[0]).toBeLessThan(2_000);
    expect(sleeper.calls[1]).toBeGreaterThanOrEqual(2_000);
    expect(sleeper.calls[1]).toBeLessThan(3_000);
  });

  it("gives up after a bounded number of 5xx and reports an error", async () => {
    const failures = Array.from({ length: 4 }, () => fakeResponses.serverError(500));
    fake.script("x", "/users/by/username/", ...failures);
    const sleeper = recordingSleep();
    const [result] = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));
    expect(result).toMatchObject({
      status: "error",
      message:
        "The X API did not answer properly (HTTP 500, 4 attempts) since 2026-11-20: nothing to do if this is rare, " +
        "the next collection tries again.",
    });
    expect(sleeper.calls).toHaveLength(3);
  });
});
