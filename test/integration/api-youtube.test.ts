import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { collect } from "../../src/ingest/api/collect.ts";
import {
  type FakeChannel,
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
  seedHandle,
  seedMission,
} from "./api-helpers.ts";

function channel(id: string, handle: string, subscribers: number): FakeChannel {
  return {
    id,
    handle,
    title: `Embassy ${handle}`,
    viewCount: 1_000_000,
    subscriberCount: subscribers,
    hiddenSubscriberCount: false,
    videos: [],
  };
}

describe("YouTube Data API collection", () => {
  let fake: FakePlatformApis;
  let db: Db;
  let mission: number;
  let wash: number;

  beforeEach(async () => {
    fake = await startFakePlatformApis();
    fake.state.now = NOW;
    fake.state.youtube.pageSize = 2;
    const main = channel("UCwash0000000000000001", "@MOFAWashington", 25_000);
    main.videos.push(
      {
        id: "vid1",
        title: "Ambassador's message",
        publishedAt: "2026-11-19T16:00:00Z",
        viewCount: 1500,
        likeCount: 80,
        commentCount: 9,
      },
      // Likes hidden.
      { id: "vid2", title: "Visa Q&A", publishedAt: "2026-11-12T04:00:00Z", viewCount: 900, commentCount: 3 },
      {
        id: "vid3",
        title: "Old",
        publishedAt: "2026-10-01T16:00:00Z",
        viewCount: 5000,
        likeCount: 1,
        commentCount: 1,
      },
    );
    fake.state.youtube.channels.push(
      main,
      channel("UCtoky0000000000000002", "@MOFATokyo", 1_200),
      channel("UCpari0000000000000003", "@MOFAParis", 3_400),
    );
    db = tempDb();
    mission = seedMission(db);
    wash = seedHandle(db, mission, "youtube", "MOFAWashington");
  });

  afterEach(async () => {
    await fake.close();
  });

  it("reads channel statistics by handle, pages through uploads and reads the videos' statistics", async () => {
    const log = captureLogger();
    const results = await collect(db, optionsFor(fake, log.logger, recordingSleep().sleep));
    expect(results).toEqual([
      {
        handle: "MOFAWashington",
        platform: "youtube",
        status: "ok",
        message: "Collected 1 day of account figures and 2 posts.",
        daysWritten: 1,
        postsWritten: 2,
        removedMetrics: [],
      },
    ]);
    expect(dailyRows(db, wash).map((d) => [d.date, d.followers, d.views, d.source])).toEqual([
      // Lifetime channel views are not a day's views: not stored.
      ["2026-11-20", 25_000, null, "api:youtube"],
    ]);
    expect(postRows(db, wash)).toEqual([
      {
        external_id: "vid1",
        published_at: "2026-11-19T16:00:00.000Z",
        local_date: "2026-11-19",
        url: "https://www.youtube.com/watch?v=vid1",
        type: "video",
        caption: "Ambassador's message",
        likes: 80,
        comments: 9,
        shares: null,
        saves: null,
        views: 1500,
        impressions: null,
        counts_as_of: "2026-11-20",
        source: "api:youtube",
      },
      {
        external_id: "vid2",
        published_at: "2026-11-12T04:00:00.000Z",
        // 23:00 on Nov 11 in New York.
        local_date: "2026-11-11",
        url: "https://www.youtube.com/watch?v=vid2",
        type: "video",
        caption: "Visa Q&A",
        likes: null,
        comments: 3,
        shares: null,
        saves: null,
        views: 900,
        impressions: null,
        counts_as_of: "2026-11-20",
        source: "api:youtube",
      },
    ]);
    expect(handleState(db, wash).external_id).toBe("UCwash0000000000000001");
    const calls = fake.requests.map((r) => `${r.path} ${r.query.pageToken ?? ""}`.trim());
    expect(calls).toEqual(["/channels", "/playlistItems", "/playlistItems EAAaBlBUOkNH2", "/videos"]);
    expect(fake.requests[0]?.query.forHandle).toBe("@MOFAWashington");
    expect(fake.requests[3]?.query.id).toBe("vid1,vid2");
    // Quota units counted: 1 channels + 2 playlistItems + 1 videos.
    const summary = log.lines().find((l) => l.msg === "collection finished");
    expect(summary?.youtubeUnits).toBe(4);
    expect(log.text()).not.toContain(fake.state.youtube.apiKey);
  });

  it("stops every remaining YouTube handle for the day on quotaExceeded", async () => {
    const tokyoMission = seedMission(db, "tokyo", "Asia/Tokyo");
    const parisMission = seedMission(db, "paris", "Europe/Paris");
    // Ordered by mission code: paris, tokyo, washington.
    const paris = seedHandle(db, parisMission, "youtube", "MOFAParis", "UCpari0000000000000003");
    const tokyo = seedHandle(db, tokyoMission, "youtube", "MOFATokyo", "UCtoky0000000000000002");
    fake.script("youtube", "/channels", { passthrough: true }, fakeResponses.youtubeQuotaExceeded());
    const sleeper = recordingSleep();
    const results = await collect(db, optionsFor(fake, captureLogger().logger, sleeper.sleep));

    expect(results.map((r) => [r.handle, r.status])).toEqual([
      ["MOFAParis", "ok"],
      ["MOFATokyo", "quota"],
      ["MOFAWashington", "quota"],
    ]);
    const message =
      "The YouTube Data API daily quota is used up (quotaExceeded) since 2026-11-20: it resets at midnight Pacific " +
      "time and the remaining YouTube handles are collected on the next run; ask Google for a higher quota if this " +
      "happens often.";
    expect(results[2]?.message).toBe(message);
    // Tokyo was refused; Washington was not even tried.
    expect(fake.requests.filter((r) => r.path === "/channels")).toHaveLength(2);
    expect(handleState(db, paris).collection_status).toBe("ok");
    expect(handleState(db, tokyo).collection_status).toBe("quota");
    expect(handleState(db, wash)).toMatchObject({ collection_status: "quota", collection_error: message });
    expect(dailyRows(db, wash)).toEqual([]);
    expect(sleeper.calls).toEqual([]);
  });

  it("does not hide a problem a person must fix behind a passing quota stop", async () => {
    const tokyoMission = seedMission(db, "tokyo", "Asia/Tokyo");
    seedHandle(db, tokyoMission, "youtube", "MOFATokyo", "UCtoky0000000000000002");
    db.$client
      .prepare(
        "UPDATE handles SET collection_status = 'not_found', collection_error = 'gone', collection_error_since = ? WHERE id = ?",
      )
      .run("2026-11-01T00:00:00.000Z", wash);
    fake.script("youtube", "/channels", fakeResponses.youtubeQuotaExceeded());
    const results = await collect(db, optionsFor(fake, captureLogger().logger, recordingSleep().sleep));
    expect(results.map((r) => r.status)).toEqual(["quota", "quota"]);
    expect(handleState(db, wash)).toMatchObject({ collection_status: "not_found", collection_error: "gone" });
  });

  it("reports a channel YouTube does not know (no items) as not_found", async () => {
    const mission2 = seedMission(db, "rome", "Europe/Rome");
    const ghost = seedHandle(db, mission2, "youtube", "MOFARome");
    const results = await collect(
      db,
      optionsFor(fake, captureLogger().logger, recordingSleep().sleep, { handle: "youtube:MOFARome" }),
    );
    expect(results).toEqual([
      {
        handle: "MOFARome",
        platform: "youtube",
        status: "not_found",
        message:
          "YouTube has no channel @MOFARome since 2026-11-20: check the handle and the channel id (external_id, UC…) " +
          "in the handles registry.",
        daysWritten: 0,
        postsWritten: 0,
        removedMetrics: [],
      },
    ]);
    expect(handleState(db, ghost).collection_status).toBe("not_found");
  });

  it("stores a hidden subscriber count as null, never 0", async () => {
    const hidden = fake.state.youtube.channels[0];
    if (hidden) hidden.hiddenSubscriberCount = true;
    await collect(db, optionsFor(fake, captureLogger().logger, recordingSleep().sleep));
    expect(dailyRows(db, wash).map((d) => [d.date, d.followers])).toEqual([["2026-11-20", null]]);
  });

  it("reports a rejected API key as token_expired for every YouTube handle", async () => {
    const options = optionsFor(fake, captureLogger().logger, recordingSleep().sleep);
    const results = await collect(db, { ...options, env: { ...options.env, YOUTUBE_API_KEY: "AIzaWrong" } });
    expect(results[0]).toMatchObject({
      status: "token_expired",
      message:
        "YouTube rejected the API key (YOUTUBE_API_KEY) since 2026-11-20: check the key in Google Cloud console " +
        "(APIs & Services, Credentials) and set YOUTUBE_API_KEY.",
    });
  });

  it("skips YouTube handles when no API key is set, saying what to set", async () => {
    const options = optionsFor(fake, captureLogger().logger, recordingSleep().sleep);
    const results = await collect(db, { ...options, env: { ...options.env, YOUTUBE_API_KEY: undefined } });
    expect(results[0]).toMatchObject({
      status: "skipped",
      message:
        "No YouTube API key: set YOUTUBE_API_KEY (a Google Cloud API key with the YouTube Data API v3 enabled) to " +
        "collect YouTube channels.",
    });
    expect(fake.requests).toHaveLength(0);
  });
});
