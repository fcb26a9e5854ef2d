import { describe, expect, it } from "vitest";
import {
  computeHandleMetrics,
  computeMissionTotals,
  type HandleAggregate,
  type HandleMetrics,
} from "../../src/domain/metrics.ts";
import type { Period } from "../../src/domain/period.ts";

const P30: Period = { start: "2026-10-28", end: "2026-11-26", days: 30, label: "30d" };

function agg(over: Partial<HandleAggregate>): HandleAggregate {
  return { followers: null, base: null, posts: 0, interactions: null, lastPostAt: null, ...over };
}

describe("computeHandleMetrics", () => {
  it("computes every field of a fully measured handle", () => {
    const m = computeHandleMetrics(
      agg({
        followers: { value: 12500, date: "2026-11-26" },
        base: { value: 10000, date: "2026-10-27" },
        posts: 12,
        interactions: 1500,
        lastPostAt: "2026-11-25",
      }),
      P30,
    );
    expect(m).toEqual({
      followers: 12500,
      followersAsOf: "2026-11-26",
      followerGrowth: 2500,
      followerGrowthPct: 25,
      posts: 12,
      interactions: 1500,
      interactionsPerPost: 125,
      engagementRate: 1,
      postsPerWeek: expect.closeTo(2.8, 10),
      lastPostAt: "2026-11-25",
      daysSinceLastPost: 1,
      stale: false,
    });
  });

  it("with no daily metrics: followers, growth and engagement are null (not 0) and the handle is stale", () => {
    const m = computeHandleMetrics(agg({ posts: 4, interactions: 200, lastPostAt: "2026-11-20" }), P30);
    expect(m.followers).toBeNull();
    expect(m.followersAsOf).toBeNull();
    expect(m.followerGrowth).toBeNull();
    expect(m.followerGrowthPct).toBeNull();
    expect(m.interactionsPerPost).toBe(50);
    expect(m.engagementRate).toBeNull();
    expect(m.daysSinceLastPost).toBe(6);
    expect(m.stale).toBe(true);
  });

  it("posts without any counts: interactions null, not 0", () => {
    const m = computeHandleMetrics(
      agg({ followers: { value: 900, date: "2026-11-26" }, posts: 3, interactions: null }),
      P30,
    );
    expect(m.posts).toBe(3);
    expect(m.interactions).toBeNull();
    expect(m.interactionsPerPost).toBeNull();
    expect(m.engagementRate).toBeNull();
    expect(m.postsPerWeek).toBeCloseTo(0.7, 10);
  });

  it("no posts: interactions null even if an aggregate says 0; postsPerWeek is a true 0", () => {
    const m = computeHandleMetrics(
      agg({ followers: { value: 900, date: "2026-11-26" }, interactions: 0 }),
      P30,
    );
    expect(m.posts).toBe(0);
    expect(m.interactions).toBeNull();
    expect(m.interactionsPerPost).toBeNull();
    expect(m.engagementRate).toBeNull();
    expect(m.postsPerWeek).toBe(0);
    expect(m.lastPostAt).toBeNull();
    expect(m.daysSinceLastPost).toBeNull();
  });

  it("posts whose counts are all zero give a measured 0", () => {
    const m = computeHandleMetrics(
      agg({ followers: { value: 900, date: "2026-11-26" }, posts: 2, interactions: 0 }),
      P30,
    );
    expect(m.interactions).toBe(0);
    expect(m.interactionsPerPost).toBe(0);
    expect(m.engagementRate).toBe(0);
  });

  it("base missing: growth and growth % are null", () => {
    const m = computeHandleMetrics(agg({ followers: { value: 5000, date: "2026-11-25" } }), P30);
    expect(m.followerGrowth).toBeNull();
    expect(m.followerGrowthPct).toBeNull();
  });

  it("base 0: growth is known, growth % is null", () => {
    const m = computeHandleMetrics(
      agg({ followers: { value: 50, date: "2026-11-26" }, base: { value: 0, date: "2026-10-01" } }),
      P30,
    );
    expect(m.followerGrowth).toBe(50);
    expect(m.followerGrowthPct).toBeNull();
  });

  it("followers 0: engagement rate null; a fall to 0 is -100 %", () => {
    const m = computeHandleMetrics(
      agg({
        followers: { value: 0, date: "2026-11-26" },
        base: { value: 100, date: "2026-10-27" },
        posts: 1,
        interactions: 5,
      }),
      P30,
    );
    expect(m.followers).toBe(0);
    expect(m.followerGrowth).toBe(-100);
    expect(m.followerGrowthPct).toBe(-100);
    expect(m.interactionsPerPost).toBe(5);
    expect(m.engagementRate).toBeNull();
  });

  it("stale when followers were last measured before e - 2", () => {
    const at = (date: string) => computeHandleMetrics(agg({ followers: { value: 1, date } }), P30).stale;
    expect(at("2026-11-26")).toBe(false);
    expect(at("2026-11-24")).toBe(false);
    expect(at("2026-11-23")).toBe(true);
    expect(at("2026-09-01")).toBe(true);
  });

  it("followers last measured before the period: growth is unavailable (not 0), and the handle is stale", () => {
    const reading = { value: 9000, date: "2026-10-20" };
    const m = computeHandleMetrics(agg({ followers: reading, base: reading, lastPostAt: "2026-09-30" }), P30);
    expect(m.followers).toBe(9000);
    expect(m.followerGrowth).toBeNull();
    expect(m.followerGrowthPct).toBeNull();
    expect(m.stale).toBe(true);
    expect(m.daysSinceLastPost).toBe(57);
  });

  it("postsPerWeek uses the period's length", () => {
    const week: Period = { start: "2026-11-16", end: "2026-11-22", days: 7, label: "2026-W47" };
    expect(computeHandleMetrics(agg({ posts: 5, interactions: 10 }), week).postsPerWeek).toBe(5);
  });
});

function handle(over: Partial<HandleAggregate>): HandleMetrics {
  return computeHandleMetrics(agg(over), P30);
}

// H1: 10000 followers (base 8000), 10 posts, 500 interactions.
const H1 = handle({
  followers: { value: 10000, date: "2026-11-26" },
  base: { value: 8000, date: "2026-10-27" },
  posts: 10,
  interactions: 500,
});
// H2: 5000 followers, no base, 5 posts, 100 interactions; measured e - 1.
const H2 = handle({ followers: { value: 5000, date: "2026-11-25" }, posts: 5, interactions: 100 });
// H3: followers never measured, 5 posts, 400 interactions: stale.
const H3 = handle({ posts: 5, interactions: 400 });
// H4: 2000 followers, unchanged from its base, no posts.
const H4 = handle({
  followers: { value: 2000, date: "2026-11-26" },
  base: { value: 2000, date: "2026-10-20" },
});

describe("computeMissionTotals", () => {
  it("sums handles by the mission rules", () => {
    const t = computeMissionTotals([H1, H2, H3, H4], P30);
    expect(t).toEqual({
      followers: 17000,
      followerGrowth: 2000, // H1 +2000, H4 +0; H2 and H3 unknown
      followerGrowthPct: 20, // 2000 / (8000 + 2000)
      posts: 20,
      interactions: 1000,
      interactionsPerPost: 50,
      // only H1, H2, H4 have known followers: (600 / 15) / 17000 * 100
      engagementRate: expect.closeTo(0.23529411764705882, 12),
      postsPerWeek: expect.closeTo(4.666666666666667, 12),
      stale: true, // H3
    });
  });

  it("is not stale when every handle is fresh", () => {
    const t = computeMissionTotals([H1, H2, H4], P30);
    expect(t.stale).toBe(false);
    expect(t.posts).toBe(15);
    expect(t.interactions).toBe(600);
    expect(t.interactionsPerPost).toBe(40);
    expect(t.engagementRate).toBeCloseTo(0.23529411764705882, 12);
  });

  it("a mission with no active handles: nothing known, 0 posts, stale", () => {
    expect(computeMissionTotals([], P30)).toEqual({
      followers: null,
      followerGrowth: null,
      followerGrowthPct: null,
      posts: 0,
      interactions: null,
      interactionsPerPost: null,
      engagementRate: null,
      postsPerWeek: 0,
      stale: true,
    });
  });

  it("followers null when no handle's followers are known; interactions still summed", () => {
    const t = computeMissionTotals([H3], P30);
    expect(t.followers).toBeNull();
    expect(t.followerGrowth).toBeNull();
    expect(t.followerGrowthPct).toBeNull();
    expect(t.interactions).toBe(400);
    expect(t.interactionsPerPost).toBe(80);
    expect(t.engagementRate).toBeNull();
  });

  it("engagement rate null when the handles with known followers have no posts", () => {
    const t = computeMissionTotals([H3, H4], P30);
    expect(t.followers).toBe(2000);
    expect(t.interactionsPerPost).toBe(80);
    expect(t.engagementRate).toBeNull();
  });

  it("engagement rate null when the handles with known followers have posts without counts", () => {
    const noCounts = handle({ followers: { value: 3000, date: "2026-11-26" }, posts: 4, interactions: null });
    const t = computeMissionTotals([noCounts, H3], P30);
    expect(t.interactions).toBe(400);
    expect(t.interactionsPerPost).toBeCloseTo(44.44444444444444, 12); // 400 / 9 posts
    expect(t.engagementRate).toBeNull();
  });

  it("growth % null when the known growth's bases sum to 0", () => {
    const fromZero = handle({
      followers: { value: 100, date: "2026-11-26" },
      base: { value: 0, date: "2026-10-01" },
    });
    const t = computeMissionTotals([fromZero, H2], P30);
    expect(t.followerGrowth).toBe(100);
    expect(t.followerGrowthPct).toBeNull();
  });

  it("interactions null when no handle has any", () => {
    const t = computeMissionTotals([H4, handle({ posts: 2, interactions: null })], P30);
    expect(t.posts).toBe(2);
    expect(t.interactions).toBeNull();
    expect(t.interactionsPerPost).toBeNull();
  });
});
