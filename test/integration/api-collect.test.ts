import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.ts";
import type { Db } from "../../src/db/client.ts";
import { collect, storeToken } from "../../src/ingest/api/collect.ts";
import { type FakePlatformApis, startFakePlatformApis } from "../fakes/platform-apis.ts";
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

const FB_TOKEN = "EAAGfbPageTokenSecretAbc";
const IG_TOKEN = "EAAGigPageTokenSecretDef";

describe("a collection run over every platform", () => {
  let fake: FakePlatformApis;
  let db: Db;
  let ids: Record<string, number>;

  beforeEach(async () => {
    fake = await startFakePlatformApis();
    fake.state.now = NOW;
    fake.state.x.users.push({
      id: "1001",
      username: "MOFA_Tokyo",
      name: "Embassy in Tokyo",
      public_metrics: {
        followers_count: 800,
        following_count: 1,
        tweet_count: 2,
        listed_count: 0,
        like_count: 0,
      },
      tweets: [
        {
          id: "1860000000000000010",
          text: "Hello",
          // 08:00 on Nov 20 in Tokyo.
          created_at: "2026-11-19T23:00:00.000Z",
          public_metrics: {
            retweet_count: 1,
            reply_count: 1,
            like_count: 10,
            quote_count: 0,
            bookmark_count: 0,
            impression_count: 50,
          },
        },
      ],
    });
    fake.state.graph.pages.push({
      id: "2001",
      name: "Embassy Tokyo",
      token: FB_TOKEN,
      followers_count: 3000,
      insights: { page_follows: [{ end_time: "2026-11-20T08:00:00+0000", value: 2999 }] },
      posts: [],
    });
    fake.state.graph.igUsers.push({
      id: "1784",
      username: "mofa_tokyo_ig",
      token: IG_TOKEN,
      followers_count: 4100,
      follows_count: 1,
      media_count: 0,
      media: [],
    });
    fake.state.youtube.channels.push({
      id: "UCtoky0000000000000002",
      handle: "@MOFATokyo",
      title: "Embassy Tokyo",
      viewCount: 10,
      subscriberCount: 77,
      hiddenSubscriberCount: false,
      videos: [],
    });
    db = tempDb();
    const tokyo = seedMission(db, "tokyo", "Asia/Tokyo");
    ids = {
      x: seedHandle(db, tokyo, "x", "MOFA_Tokyo"),
      facebook: seedHandle(db, tokyo, "facebook", "mofa_tokyo", "2001"),
      instagram: seedHandle(db, tokyo, "instagram", "mofa_tokyo_ig", "1784"),
      youtube: seedHandle(db, tokyo, "youtube", "MOFATokyo", "UCtoky0000000000000002"),
      tiktok: seedHandle(db, tokyo, "tiktok", "mofa_tokyo_tt"),
    };
    storeToken(db, ids.facebook as number, FB_TOKEN, SECRET_KEY);
    storeToken(db, ids.instagram as number, IG_TOKEN, SECRET_KEY);
  });

  afterEach(async () => {
    await fake.close();
  });

  it("collects every API platform under the mission's local date, and a second run changes nothing", async () => {
    const log = captureLogger();
    const options = optionsFor(fake, log.logger, recordingSleep().sleep);
    const first = await collect(db, options);
    expect(first.map((r) => [r.platform, r.handle, r.status, r.daysWritten, r.postsWritten])).toEqual([
      ["facebook", "mofa_tokyo", "ok", 2, 0],
      ["instagram", "mofa_tokyo_ig", "ok", 1, 0],
      ["x", "MOFA_Tokyo", "ok", 1, 1],
      ["youtube", "MOFATokyo", "ok", 1, 0],
    ]);
    // 15:00 UTC is already Nov 21 in Tokyo.
    expect(dailyRows(db, ids.x as number).map((d) => [d.date, d.followers])).toEqual([["2026-11-21", 800]]);
    // Facebook's own day (Pacific Nov 19) and the snapshot under Tokyo's Nov 21.
    expect(dailyRows(db, ids.facebook as number).map((d) => [d.date, d.followers])).toEqual([
      ["2026-11-19", 2999],
      ["2026-11-21", 3000],
    ]);
    expect(dailyRows(db, ids.instagram as number).map((d) => [d.date, d.followers])).toEqual([
      ["2026-11-21", 4100],
    ]);
    expect(dailyRows(db, ids.youtube as number).map((d) => [d.date, d.followers])).toEqual([
      ["2026-11-21", 77],
    ]);
    expect(postRows(db, ids.x as number).map((p) => [p.local_date, p.counts_as_of])).toEqual([
      ["2026-11-20", "2026-11-21"],
    ]);
    // TikTok has no API client: not part of a run.
    expect(handleState(db, ids.tiktok as number).collection_status).toBeNull();

    const snapshot = () => db.$client.prepare("SELECT * FROM daily_metrics ORDER BY handle_id, date").all();
    const posts = () => db.$client.prepare("SELECT * FROM posts ORDER BY id").all();
    const before = { daily: snapshot(), posts: posts() };
    const second = await collect(db, options);
    expect(second.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(snapshot()).toEqual(before.daily);
    expect(posts()).toEqual(before.posts);

    for (const token of [FB_TOKEN, IG_TOKEN, fake.state.x.bearer, fake.state.youtube.apiKey]) {
      expect(log.text()).not.toContain(token);
    }
  });

  it("collects only what the platform or handle filter names", async () => {
    const sleep = recordingSleep().sleep;
    const byPlatform = await collect(
      db,
      optionsFor(fake, captureLogger().logger, sleep, { platform: "YouTube" }),
    );
    expect(byPlatform.map((r) => r.platform)).toEqual(["youtube"]);
    const byHandle = await collect(
      db,
      optionsFor(fake, captureLogger().logger, sleep, { handle: "@mofa_tokyo" }),
    );
    expect(byHandle.map((r) => `${r.platform}:${r.handle}`)).toEqual(["facebook:mofa_tokyo", "x:MOFA_Tokyo"]);
    const tiktok = await collect(
      db,
      optionsFor(fake, captureLogger().logger, sleep, { handle: "tiktok:mofa_tokyo_tt" }),
    );
    expect(tiktok).toEqual([
      {
        handle: "mofa_tokyo_tt",
        platform: "tiktok",
        status: "skipped",
        message:
          "tiktok has no API collection: import its exports with `dmd import <file> --handle tiktok:mofa_tokyo_tt`.",
        daysWritten: 0,
        postsWritten: 0,
        removedMetrics: [],
      },
    ]);
  });

  it("refuses unknown filters clearly and collects nothing", async () => {
    const options = optionsFor(fake, captureLogger().logger, recordingSleep().sleep);
    const unknownHandle = collect(db, { ...options, handle: "x:MOFA_Tokio" });
    await expect(unknownHandle).rejects.toBeInstanceOf(UserError);
    await expect(collect(db, { ...options, handle: "x:MOFA_Tokio" })).rejects.toMatchObject({
      code: "unknown_handle",
      message:
        'There is no handle "x:MOFA_Tokio" in the registry. Give it as platform:handle, e.g. x:MOFA_Washington.',
      hints: ["did you mean x:MOFA_Tokyo?"],
    });
    await expect(collect(db, { ...options, platform: "myspace" })).rejects.toMatchObject({
      code: "unknown_platform",
      message: '"myspace" is not a platform: use one of x, facebook, instagram, youtube.',
    });
    await expect(collect(db, { ...options, platform: "tiktok" })).rejects.toMatchObject({
      code: "no_api_collection",
    });
    expect(fake.requests).toHaveLength(0);
    expect(db.$client.prepare("SELECT count(*) AS n FROM daily_metrics").get()).toEqual({ n: 0 });
  });

  it("skips X without a bearer token and says what to set", async () => {
    const options = optionsFor(fake, captureLogger().logger, recordingSleep().sleep, { platform: "x" });
    const results = await collect(db, { ...options, env: { ...options.env, X_BEARER_TOKEN: "  " } });
    expect(results).toEqual([
      {
        handle: "MOFA_Tokyo",
        platform: "x",
        status: "skipped",
        message:
          "No X API token: set X_BEARER_TOKEN (the app's bearer token from the X developer console) to collect X handles.",
        daysWritten: 0,
        postsWritten: 0,
        removedMetrics: [],
      },
    ]);
  });

  it("says what to do when stored tokens cannot be read (no key, wrong key)", async () => {
    const options = optionsFor(fake, captureLogger().logger, recordingSleep().sleep, {
      platform: "facebook",
    });
    const [noKey] = await collect(db, { ...options, env: { ...options.env, DMD_SECRET_KEY: undefined } });
    expect(noKey?.status).toBe("error");
    expect(noKey?.message).toMatch(
      /^The token stored for facebook:mofa_tokyo cannot be read since 2026-11-21: DMD_SECRET_KEY is not set\. /,
    );
    const otherKey = "0".repeat(64);
    const [wrongKey] = await collect(db, { ...options, env: { ...options.env, DMD_SECRET_KEY: otherKey } });
    expect(wrongKey?.message).toBe(
      "The token stored for facebook:mofa_tokyo cannot be read since 2026-11-21: A stored token could not be decrypted " +
        "with DMD_SECRET_KEY: the key is not the one it was stored with (or the stored data was altered). Set " +
        "DMD_SECRET_KEY back to the original key, or store the token again.",
    );
    expect(fake.requests).toHaveLength(0);
    expect(handleState(db, ids.facebook as number).collection_status).toBe("error");
  });

  it("never stores a token in plain text", async () => {
    await collect(db, optionsFor(fake, captureLogger().logger, recordingSleep().sleep));
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const file = db.$client.name;
    for (const path of [file, `${file}-wal`]) {
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      expect(bytes.includes(FB_TOKEN)).toBe(false);
      expect(bytes.includes(IG_TOKEN)).toBe(false);
    }
    const row = db.$client
      .prepare("SELECT * FROM credentials WHERE handle_id = ?")
      .get(ids.facebook) as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(FB_TOKEN);
    expect(row.kind).toBe("page_token");
  });
});
