import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { collect, storeToken } from "../../src/ingest/api/collect.ts";
import { type FakePlatformApis, fakeResponses, startFakePlatformApis } from "../fakes/platform-apis.ts";
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

const TOKEN = "EAAGigPageTokenSecret789";
const IG_ID = "17841400000000001";

describe("Instagram Graph API collection", () => {
  let fake: FakePlatformApis;
  let db: Db;
  let mission: number;
  let ig: number;

  beforeEach(async () => {
    fake = await startFakePlatformApis();
    fake.state.now = NOW;
    fake.state.graph.pageSize = 2;
    fake.state.graph.pages.push({
      id: "2001",
      name: "Embassy",
      token: TOKEN,
      followers_count: 1,
      insights: {},
      posts: [],
      instagramId: IG_ID,
    });
    fake.state.graph.igUsers.push({
      id: IG_ID,
      username: "mofa_wash_ig",
      token: TOKEN,
      followers_count: 8000,
      follows_count: 120,
      media_count: 640,
      media: [
        {
          id: "m1",
          caption: "Reel from the reception",
          media_type: "VIDEO",
          media_product_type: "REELS",
          permalink: "https://www.instagram.com/reel/m1/",
          timestamp: "2026-11-19T18:00:00+0000",
          like_count: 300,
          comments_count: 12,
          insights: { views: 15000, saved: 40, shares: 25 },
        },
        {
          // Likes hidden by the owner; insights not computed yet (empty data).
          id: "m4",
          media_type: "IMAGE",
          media_product_type: "FEED",
          permalink: "https://www.instagram.com/p/m4/",
          timestamp: "2026-11-18T10:00:00+0000",
          comments_count: 0,
          insights: {},
          unsupported: ["shares"],
        },
        {
          id: "m2",
          caption: "Consular hours",
          media_type: "IMAGE",
          media_product_type: "FEED",
          permalink: "https://www.instagram.com/p/m2/",
          timestamp: "2026-11-15T09:00:00+0000",
          like_count: 80,
          comments_count: 3,
          insights: { views: 2000, saved: 5 },
          unsupported: ["shares"],
        },
        {
          // Older than the insights window: likes and comments only.
          id: "m3",
          media_type: "CAROUSEL_ALBUM",
          media_product_type: "FEED",
          permalink: "https://www.instagram.com/p/m3/",
          timestamp: "2026-11-01T12:00:00+0000",
          like_count: 50,
          comments_count: 2,
          insights: { views: 999 },
        },
        {
          id: "m0",
          media_type: "IMAGE",
          media_product_type: "FEED",
          permalink: "https://www.instagram.com/p/m0/",
          timestamp: "2026-10-01T12:00:00+0000",
          like_count: 1,
          comments_count: 1,
          insights: {},
        },
      ],
    });
    db = tempDb();
    mission = seedMission(db);
    ig = seedHandle(db, mission, "instagram", "mofa_wash_ig", IG_ID);
    storeToken(db, ig, TOKEN, SECRET_KEY);
  });

  afterEach(async () => {
    await fake.close();
  });

  it("reads followers and recent media with their insights, across pages", async () => {
    const log = captureLogger();
    const results = await collect(db, optionsFor(fake, log.logger, recordingSleep().sleep));
    expect(results).toEqual([
      {
        handle: "mofa_wash_ig",
        platform: "instagram",
        status: "ok",
        message: "Collected 1 day of account figures and 4 posts.",
        daysWritten: 1,
        postsWritten: 4,
        removedMetrics: [],
      },
    ]);
    expect(dailyRows(db, ig).map((d) => [d.date, d.followers, d.source])).toEqual([
      ["2026-11-20", 8000, "api:instagram"],
    ]);
    const posts = postRows(db, ig).map((p) => ({
      id: p.external_id,
      date: p.local_date,
      type: p.type,
      likes: p.likes,
      comments: p.comments,
      shares: p.shares,
      saves: p.saves,
      views: p.views,
    }));
    expect(posts).toEqual([
      {
        id: "m1",
        date: "2026-11-19",
        type: "reels",
        likes: 300,
        comments: 12,
        shares: 25,
        saves: 40,
        views: 15000,
      },
      {
        id: "m2",
        date: "2026-11-15",
        type: "image",
        likes: 80,
        comments: 3,
        shares: null,
        saves: 5,
        views: 2000,
      },
      {
        id: "m3",
        date: "2026-11-01",
        type: "carousel_album",
        likes: 50,
        comments: 2,
        shares: null,
        saves: null,
        views: null,
      },
      {
        id: "m4",
        date: "2026-11-18",
        type: "image",
        likes: null,
        comments: 0,
        shares: null,
        saves: null,
        views: null,
      },
    ]);
    expect(postRows(db, ig)[0]).toMatchObject({
      url: "https://www.instagram.com/reel/m1/",
      caption: "Reel from the reception",
      published_at: "2026-11-19T18:00:00.000Z",
      counts_as_of: "2026-11-20",
      source: "api:instagram",
    });
    // One insights call for m1; for the first IMAGE one combined call refused for `shares`, then one per metric;
    // the second IMAGE is asked only for what its type supports; m3 is outside the insights window.
    const insightCalls = fake.requests
      .filter((r) => r.path.endsWith("/insights"))
      .map((r) => `${r.path} ${r.query.metric}`);
    expect(insightCalls).toEqual([
      "/m1/insights views,saved,shares",
      "/m4/insights views,saved,shares",
      "/m4/insights views",
      "/m4/insights saved",
      "/m4/insights shares",
      "/m2/insights views,saved",
    ]);
    const mediaCalls = fake.requests.filter((r) => r.path.endsWith("/media"));
    expect(mediaCalls).toHaveLength(3);
    // "Not supported for this media type" is not a removal: no warning.
    expect(log.lines().filter((l) => l.level === 40 && "metric" in l)).toEqual([]);
    expect(log.text()).not.toContain(TOKEN);
  });

  it("logs a removed media metric once and stores the other metrics", async () => {
    fake.state.graph.removedMetrics.add("saved");
    const log = captureLogger();
    const [result] = await collect(db, optionsFor(fake, log.logger, recordingSleep().sleep));
    expect(result).toMatchObject({ status: "ok", removedMetrics: ["saved"] });
    const warnings = log.lines().filter((l) => l.metric === "saved");
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.msg)).toBe(
      'Instagram no longer provides the metric "saved"; collecting the other metrics without it',
    );
    const m1 = postRows(db, ig).find((p) => p.external_id === "m1");
    expect(m1).toMatchObject({ views: 15000, shares: 25, saves: null, likes: 300 });
    // After the first refusal, `saved` is no longer requested (and `shares` not for images once refused).
    const calls = fake.requests
      .filter((r) => r.path.endsWith("/insights"))
      .map((r) => `${r.path} ${r.query.metric}`);
    expect(calls).toEqual([
      "/m1/insights views,saved,shares",
      "/m1/insights views",
      "/m1/insights saved",
      "/m1/insights shares",
      "/m4/insights views,shares",
      "/m4/insights views",
      "/m4/insights shares",
      "/m2/insights views",
    ]);
  });

  it("finds the account through the Page when the registry has no Instagram id", async () => {
    const mission2 = seedMission(db, "ottawa", "America/Toronto");
    const linked = seedHandle(db, mission2, "instagram", "mofa_ottawa_ig");
    storeToken(db, linked, TOKEN, SECRET_KEY);
    const results = await collect(
      db,
      optionsFor(fake, captureLogger().logger, recordingSleep().sleep, {
        handle: "instagram:mofa_ottawa_ig",
      }),
    );
    expect(results[0]?.status).toBe("ok");
    expect(handleState(db, linked).external_id).toBe(IG_ID);
    expect(fake.requests[0]).toMatchObject({
      path: "/me",
      query: { fields: "id,instagram_business_account" },
    });
  });

  it("marks a bad token (190) token_expired with Instagram's wording", async () => {
    fake.script(
      "graph",
      `/${IG_ID}`,
      fakeResponses.graphError(190, "Invalid OAuth access token - Cannot parse access token"),
    );
    const [result] = await collect(db, optionsFor(fake, captureLogger().logger, recordingSleep().sleep));
    expect(result).toMatchObject({
      status: "token_expired",
      message:
        "Instagram rejected the page token (code 190) since 2026-11-20: an admin of the account must create a new Page " +
        "access token (instagram_basic, instagram_manage_insights and pages_read_engagement) and store it with " +
        "`dmd credentials set instagram:mofa_wash_ig`.",
    });
    expect(handleState(db, ig).collection_status).toBe("token_expired");
  });

  it("reports an account id Graph does not know as not_found", async () => {
    const mission2 = seedMission(db, "rome", "Europe/Rome");
    const wrong = seedHandle(db, mission2, "instagram", "mofa_rome_ig", "17841499999999999");
    storeToken(db, wrong, TOKEN, SECRET_KEY);
    const results = await collect(
      db,
      optionsFor(fake, captureLogger().logger, recordingSleep().sleep, { handle: "mofa_rome_ig" }),
    );
    expect(results[0]?.status).toBe("not_found");
    expect(results[0]?.message).toContain(
      "Instagram has no account instagram:mofa_rome_ig that this token can see",
    );
  });
});
