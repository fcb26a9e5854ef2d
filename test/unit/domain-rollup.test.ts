import { describe, expect, it } from "vitest";
import { computeMissionTotals, type HandleMetrics } from "../../src/domain/metrics.ts";
import { buildRollup, type RollupHandle, type RollupMissionInput } from "../../src/domain/rollup.ts";

const WEEK = { start: "2026-11-16", end: "2026-11-22", days: 7, label: "2026-W47" };
const BEFORE = { start: "2026-11-09", end: "2026-11-15", days: 7, label: "2026-W46" };

function m(over: Partial<HandleMetrics>): HandleMetrics {
  const followers = over.followers ?? null;
  const posts = over.posts ?? 0;
  const interactions = over.interactions ?? null;
  const ipp = interactions === null || posts === 0 ? null : interactions / posts;
  return {
    followers,
    followersAsOf: followers === null ? null : "2026-11-22",
    followerGrowth: null,
    followerGrowthPct: null,
    posts,
    interactions,
    interactionsPerPost: ipp,
    engagementRate: ipp === null || !followers ? null : (ipp / followers) * 100,
    postsPerWeek: posts,
    lastPostAt: "2026-11-21",
    daysSinceLastPost: 1,
    stale: false,
    ...over,
  };
}

function mission(id: number, code: string, handles: RollupHandle[]): RollupMissionInput {
  return {
    mission: { id, code, name: `Mission ${code}`, city: code, region: "Europe" },
    handles,
    current: computeMissionTotals(
      handles.map((h) => h.current),
      WEEK,
    ),
    previous: computeMissionTotals(
      handles.map((h) => h.previous),
      BEFORE,
    ),
  };
}

// A: 10,000 followers (+500 from 9,500), 5 posts, 500 interactions; the week before 9,500 (+100), 4 posts, 200.
// A's second handle sends nothing (stale). B: 2,000 (-100 from 2,100), 3 posts, 30; before 2,100 (0), 3 posts, 60.
// B has not posted for 10 days. C: 500 (+100 from 400), 1 post, 10; before 400, no posts. D: no handles.
const missions = [
  mission(1, "a", [
    {
      platform: "x",
      handle: "a_x",
      current: m({
        followers: 10_000,
        followerGrowth: 500,
        followerGrowthPct: (500 / 9500) * 100,
        posts: 5,
        interactions: 500,
      }),
      previous: m({
        followers: 9500,
        followerGrowth: 100,
        followerGrowthPct: (100 / 9400) * 100,
        posts: 4,
        interactions: 200,
      }),
    },
    {
      platform: "facebook",
      handle: "a_fb",
      current: m({ stale: true, lastPostAt: null, daysSinceLastPost: null }),
      previous: m({}),
    },
  ]),
  mission(2, "b", [
    {
      platform: "x",
      handle: "b_x",
      current: m({
        followers: 2000,
        followerGrowth: -100,
        followerGrowthPct: (-100 / 2100) * 100,
        posts: 3,
        interactions: 30,
        lastPostAt: "2026-11-12",
        daysSinceLastPost: 10,
      }),
      previous: m({ followers: 2100, followerGrowth: 0, followerGrowthPct: 0, posts: 3, interactions: 60 }),
    },
  ]),
  mission(3, "c", [
    {
      platform: "x",
      handle: "c_x",
      current: m({ followers: 500, followerGrowth: 100, followerGrowthPct: 25, posts: 1, interactions: 10 }),
      previous: m({ followers: 400 }),
    },
  ]),
  mission(4, "d", []),
];

describe("buildRollup", () => {
  const r = buildRollup({ week: WEEK, previousWeek: BEFORE, missions, listSize: 2 });

  it("totals the fleet as one mission made of every handle (METRICS.md)", () => {
    // Followers 10,000 + 2,000 + 500; growth 500 - 100 + 100 over bases 9,500 + 2,100 + 400.
    expect(r.fleet.current.followers).toBe(12_500);
    expect(r.fleet.current.followerGrowth).toBe(500);
    expect(r.fleet.current.followerGrowthPct).toBeCloseTo((500 / 12_000) * 100, 10);
    expect(r.fleet.current.posts).toBe(9);
    expect(r.fleet.current.interactions).toBe(540);
    expect(r.fleet.current.engagementRate).toBeCloseTo((540 / 9 / 12_500) * 100, 10);
    // The week before: C's growth is unknown, so its base is left out of the percentage.
    expect(r.fleet.previous.followerGrowth).toBe(100);
    expect(r.fleet.previous.followerGrowthPct).toBeCloseTo((100 / 11_500) * 100, 10);
    expect(r.fleet.previous.engagementRate).toBeCloseTo((260 / 7 / 12_000) * 100, 10);
    expect(r.fleet).toMatchObject({ missions: 4, reporting: 3 });
    expect(r.headline).toBe(
      "The 4 missions gained 500 followers (+4.2%) last week; engagement 0.5%, up from 0.3%; 9 posts (7 the week before).",
    );
  });

  it("picks the movers, leaving out missions too small for a percentage to mean much", () => {
    expect(r.movers.growthUp.map((x) => [x.mission.code, x.change])).toEqual([["a", 500]]);
    expect(r.movers.growthUp[0]?.value).toBeCloseTo((500 / 9500) * 100, 10);
    expect(r.movers.growthDown.map((x) => [x.mission.code, x.change])).toEqual([["b", -100]]);
    // Engagement: A 0.5263% -> 1.0% (+90%); B 0.9524% -> 0.5% (-47.5%); C had no posts the week before.
    expect(r.movers.engagementUp.map((x) => x.mission.code)).toEqual(["a"]);
    expect(r.movers.engagementUp[0]?.change).toBeCloseTo(90, 10);
    expect(r.movers.engagementDown.map((x) => x.mission.code)).toEqual(["b"]);
    expect(r.movers.engagementDown[0]?.change).toBeCloseTo(-47.5, 10);
  });

  it("ranks the leaderboard by engagement rate, top and bottom, nulls unranked", () => {
    expect(r.leaderboard.top.map((row) => [row.rank, row.mission.code])).toEqual([
      [1, "c"],
      [2, "a"],
    ]);
    expect(r.leaderboard.top[0]?.value).toBeCloseTo(2, 10);
    expect(r.leaderboard.bottom.map((row) => [row.rank, row.mission.code])).toEqual([[3, "b"]]);
    expect(r.leaderboard.unranked).toBe(1);
  });

  it("lists missions without handles first, then stale and silent handles", () => {
    expect(r.attention).toEqual([
      { mission: missions[3]?.mission, noHandles: true, stale: [], silent: [] },
      {
        mission: missions[0]?.mission,
        noHandles: false,
        stale: [{ platform: "facebook", handle: "a_fb", since: null }],
        silent: [],
      },
      {
        mission: missions[1]?.mission,
        noHandles: false,
        stale: [],
        silent: [{ platform: "x", handle: "b_x", lastPostAt: "2026-11-12", days: 10 }],
      },
    ]);
  });
});
