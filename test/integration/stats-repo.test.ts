import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { fleetMetrics, followerSeries, handleAggregates, topPosts } from "../../src/db/repos/stats-repo.ts";
import { computeHandleMetrics, computeMissionTotals } from "../../src/domain/metrics.ts";
import type { Period } from "../../src/domain/period.ts";
import { tempDb } from "../helpers/db.ts";

const P30: Period = { start: "2026-10-28", end: "2026-11-26", days: 30, label: "30d" };
const W47: Period = { start: "2026-11-16", end: "2026-11-22", days: 7, label: "2026-W47" };

type Counts = [likes: number | null, comments: number | null, shares: number | null];

/**
 * alpha (Europe, embassy): h1 x, h2 facebook active; h3 instagram inactive (big numbers that must not count).
 * bravo (Asia, consulate): h4 x (posts without counts, no followers), h5 youtube (base 0, no posts).
 * charlie (Europe, embassy): no handles. delta (Asia, embassy): only an inactive handle.
 */
function seed(db: Db) {
  const s = db.$client;
  const mission = s.prepare(
    `INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend)
     VALUES (?, ?, ?, 'Country', 'City', ?, 'UTC', 'sat-sun')`,
  );
  const handle = s.prepare("INSERT INTO handles (mission_id, platform, handle, active) VALUES (?, ?, ?, ?)");
  const day = s.prepare(
    `INSERT INTO daily_metrics (handle_id, date, followers, impressions, source, collected_at)
     VALUES (?, ?, ?, ?, 'test', '2026-11-27T06:00:00Z')`,
  );
  let n = 0;
  const post = (handleId: number, localDate: string, [likes, comments, shares]: Counts) => {
    n += 1;
    s.prepare(
      `INSERT INTO posts (handle_id, external_id, published_at, local_date, url, caption, likes, comments, shares,
         source, collected_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', '2026-11-27T06:00:00Z')`,
    ).run(
      handleId,
      `p${n}`,
      `${localDate}T12:00:00Z`,
      localDate,
      `https://example.org/p${n}`,
      `post ${n}`,
      likes,
      comments,
      shares,
    );
  };
  const alpha = Number(mission.run("alpha", "Alpha Embassy", "embassy", "Europe").lastInsertRowid);
  const bravo = Number(mission.run("bravo", "Bravo Consulate", "consulate", "Asia").lastInsertRowid);
  const charlie = Number(mission.run("charlie", "Charlie Embassy", "embassy", "Europe").lastInsertRowid);
  const delta = Number(mission.run("delta", "Delta Embassy", "embassy", "Asia").lastInsertRowid);
  const h1 = Number(handle.run(alpha, "x", "alpha_x", 1).lastInsertRowid);
  const h2 = Number(handle.run(alpha, "facebook", "alpha_fb", 1).lastInsertRowid);
  const h3 = Number(handle.run(alpha, "instagram", "alpha_ig", 0).lastInsertRowid);
  const h4 = Number(handle.run(bravo, "x", "bravo_x", 1).lastInsertRowid);
  const h5 = Number(handle.run(bravo, "youtube", "bravo_yt", 1).lastInsertRowid);
  const h6 = Number(handle.run(delta, "x", "delta_x", 0).lastInsertRowid);

  // h1: base 1000 on 10-26 (10-27 has no follower count), 1200 on 11-25; 11-26 unmeasured; 11-27 is after the period.
  day.run(h1, "2026-10-26", 1000, 50);
  day.run(h1, "2026-10-27", null, 60);
  day.run(h1, "2026-11-25", 1200, 70);
  day.run(h1, "2026-11-26", null, 80);
  day.run(h1, "2026-11-27", 1300, 90);
  post(h1, "2026-10-27", [999, null, null]); // before the period
  post(h1, "2026-10-28", [10, 2, 1]); // 13
  post(h1, "2026-11-10", [20, null, null]); // 20
  post(h1, "2026-11-26", [null, null, null]); // counted as a post, no counts
  post(h1, "2026-11-27", [500, null, null]); // after the period
  // h2: 800 followers on 11-20 (stale by 11-26), no base.
  day.run(h2, "2026-11-20", 800, null);
  post(h2, "2026-11-01", [null, 5, null]); // 5
  post(h2, "2026-11-02", [15, null, null]); // 15
  // h3 (inactive)
  day.run(h3, "2026-10-01", 50000, null);
  day.run(h3, "2026-11-26", 99999, null);
  post(h3, "2026-11-05", [10000, 0, 0]);
  // h4: no daily metrics, two posts without counts.
  post(h4, "2026-11-15", [null, null, null]);
  post(h4, "2026-11-16", [null, null, null]);
  // h5: base 0, now 50, no posts.
  day.run(h5, "2026-10-01", 0, null);
  day.run(h5, "2026-11-26", 50, null);
  // h6 (inactive, delta's only handle)
  day.run(h6, "2026-11-26", 777, null);
  post(h6, "2026-11-20", [7, 7, 7]);

  return { alpha, bravo, charlie, delta, h1, h2, h3, h4, h5, h6 };
}

const EMPTY_TOTALS = {
  followers: null,
  followerGrowth: null,
  followerGrowthPct: null,
  posts: 0,
  interactions: null,
  interactionsPerPost: null,
  engagementRate: null,
  postsPerWeek: 0,
  stale: true,
};

describe("handleAggregates", () => {
  it("finds the latest follower counts around the period, skipping days without one", () => {
    const db = tempDb();
    const ids = seed(db);
    const aggs = handleAggregates(db, [ids.h1, ids.h2, ids.h4, ids.h5, 9999], P30);
    expect(aggs.get(ids.h1)).toEqual({
      followers: { value: 1200, date: "2026-11-25" },
      base: { value: 1000, date: "2026-10-26" },
      posts: 3,
      interactions: 33,
      lastPostAt: "2026-11-26",
    });
    expect(aggs.get(ids.h2)).toEqual({
      followers: { value: 800, date: "2026-11-20" },
      base: null,
      posts: 2,
      interactions: 20,
      lastPostAt: "2026-11-02",
    });
    expect(aggs.get(ids.h4)).toEqual({
      followers: null,
      base: null,
      posts: 2,
      interactions: null,
      lastPostAt: "2026-11-16",
    });
    expect(aggs.get(ids.h5)).toEqual({
      followers: { value: 50, date: "2026-11-26" },
      base: { value: 0, date: "2026-10-01" },
      posts: 0,
      interactions: null,
      lastPostAt: null,
    });
    expect(aggs.get(9999)).toEqual({
      followers: null,
      base: null,
      posts: 0,
      interactions: null,
      lastPostAt: null,
    });
  });

  it("over an ISO week, uses the readings as of that week", () => {
    const db = tempDb();
    const ids = seed(db);
    const h1 = handleAggregates(db, [ids.h1], W47).get(ids.h1);
    expect(h1).toEqual({
      followers: { value: 1000, date: "2026-10-26" },
      base: { value: 1000, date: "2026-10-26" },
      posts: 0,
      interactions: null,
      lastPostAt: "2026-11-10",
    });
    const metrics = computeHandleMetrics(
      h1 ?? { followers: null, base: null, posts: 0, interactions: null, lastPostAt: null },
      W47,
    );
    expect(metrics.daysSinceLastPost).toBe(12);
    expect(metrics.stale).toBe(true);
    expect(handleAggregates(db, [ids.h4], W47).get(ids.h4)?.posts).toBe(1);
  });
});

describe("fleetMetrics", () => {
  it("gives every mission, by code, with totals over active handles only", () => {
    const db = tempDb();
    const ids = seed(db);
    const fleet = fleetMetrics(db, P30);
    expect(fleet.map((r) => [r.code, r.missionId, r.handleCount])).toEqual([
      ["alpha", ids.alpha, 2],
      ["bravo", ids.bravo, 2],
      ["charlie", ids.charlie, 0],
      ["delta", ids.delta, 0],
    ]);
    const [alpha, bravo, charlie, delta] = fleet;
    expect(alpha).toMatchObject({ name: "Alpha Embassy", region: "Europe", kind: "embassy" });
    expect(alpha?.totals).toEqual({
      followers: 2000, // 1200 + 800
      followerGrowth: 200, // h1 only; h2 has no base
      followerGrowthPct: 20, // 200 / 1000
      posts: 5,
      interactions: 53, // 13 + 20 + 0 + 5 + 15
      interactionsPerPost: 10.6,
      engagementRate: 0.53, // 10.6 / 2000 * 100
      postsPerWeek: expect.closeTo(1.1666666666666667, 12),
      stale: true, // h2 last measured 11-20
    });
    expect(bravo?.totals).toEqual({
      followers: 50,
      followerGrowth: 50,
      followerGrowthPct: null, // base 0
      posts: 2,
      interactions: null, // h4's posts have no counts
      interactionsPerPost: null,
      engagementRate: null,
      postsPerWeek: expect.closeTo(0.4666666666666667, 12),
      stale: true, // h4 has no followers
    });
    expect(charlie?.totals).toEqual(EMPTY_TOTALS);
    expect(delta?.totals).toEqual(EMPTY_TOTALS);
  });

  it("agrees with the per-mission path", () => {
    const db = tempDb();
    const ids = seed(db);
    const aggs = handleAggregates(db, [ids.h1, ids.h2], P30);
    const perHandle = [...aggs.values()].map((a) => computeHandleMetrics(a, P30));
    const alpha = fleetMetrics(db, P30).find((r) => r.code === "alpha");
    expect(alpha?.totals).toEqual(computeMissionTotals(perHandle, P30));
  });

  it("filters by region and kind, ignoring letter case", () => {
    const db = tempDb();
    seed(db);
    expect(fleetMetrics(db, P30, { region: "europe" }).map((r) => r.code)).toEqual(["alpha", "charlie"]);
    expect(fleetMetrics(db, P30, { kind: "consulate" }).map((r) => r.code)).toEqual(["bravo"]);
    expect(fleetMetrics(db, P30, { region: "Asia", kind: "embassy" }).map((r) => r.code)).toEqual(["delta"]);
    expect(fleetMetrics(db, P30, { region: "Antarctica" })).toEqual([]);
  });

  it("counts nothing for a period with no data", () => {
    const db = tempDb();
    seed(db);
    const old: Period = { start: "2020-01-01", end: "2020-01-31", days: 31, label: "2020-01-01..2020-01-31" };
    for (const row of fleetMetrics(db, old)) expect(row.totals).toEqual(EMPTY_TOTALS);
  });
});

describe("followerSeries", () => {
  it("lists measured follower counts in the range, by handle then date", () => {
    const db = tempDb();
    const ids = seed(db);
    expect(followerSeries(db, [ids.h2, ids.h1], "2026-10-26", "2026-11-26")).toEqual([
      { handleId: ids.h1, date: "2026-10-26", followers: 1000 },
      { handleId: ids.h1, date: "2026-11-25", followers: 1200 },
      { handleId: ids.h2, date: "2026-11-20", followers: 800 },
    ]);
    expect(followerSeries(db, [], "2026-10-26", "2026-11-26")).toEqual([]);
  });
});

describe("topPosts", () => {
  it("ranks the period's posts by interactions and leaves out posts without counts", () => {
    const db = tempDb();
    const ids = seed(db);
    const top = topPosts(db, [ids.h1, ids.h2, ids.h4], P30, 10);
    expect(top.map((p) => [p.handle, p.localDate, p.interactions])).toEqual([
      ["alpha_x", "2026-11-10", 20],
      ["alpha_fb", "2026-11-02", 15],
      ["alpha_x", "2026-10-28", 13],
      ["alpha_fb", "2026-11-01", 5],
    ]);
    expect(top[0]).toEqual({
      handleId: ids.h1,
      platform: "x",
      handle: "alpha_x",
      url: "https://example.org/p3",
      publishedAt: "2026-11-10T12:00:00Z",
      localDate: "2026-11-10",
      caption: "post 3",
      interactions: 20,
    });
    expect(topPosts(db, [ids.h1, ids.h2], P30, 2).map((p) => p.interactions)).toEqual([20, 15]);
    expect(topPosts(db, [ids.h4], P30, 5)).toEqual([]);
    expect(topPosts(db, [], P30, 5)).toEqual([]);
  });
});
