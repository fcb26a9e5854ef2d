import { describe, expect, it } from "vitest";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

interface StatsData {
  mission: { code: string; name: string; timezone: string };
  period: { start: string; end: string; days: number };
  totals: Record<string, number | boolean | null>;
  handles: Record<string, unknown>[];
  rank: Record<string, number | null>;
  topPosts: { platform: string; url: string | null; interactions: number }[];
}

function setup() {
  const db = tempDb();
  seedFixtureNetwork(db);
  return testDispatcher(db);
}

describe("/mission-stats on the fixture network (as of 2026-11-26, 7d)", () => {
  it("computes Washington's totals as METRICS.md defines them", async () => {
    const app = setup();
    const data = await app.data<StatsData>("/mission-stats washington 7d", undefined, "2026-11-26");
    expect(data.mission).toEqual({
      code: "washington",
      name: "Embassy of Arcadia in Washington",
      timezone: "America/New_York",
    });
    expect(data.period).toEqual({ start: "2026-11-20", end: "2026-11-26", days: 7 });
    // followers 1,100 (x) + 500 (facebook); growth only where a base exists (x: 1,000 -> 1,100).
    expect(data.totals.followers).toBe(1600);
    expect(data.totals.followerGrowth).toBe(100);
    expect(data.totals.followerGrowthPct).toBeCloseTo(10, 10);
    expect(data.totals.posts).toBe(3);
    expect(data.totals.interactions).toBe(20);
    expect(data.totals.interactionsPerPost).toBeCloseTo(20 / 3, 10);
    // Both handles' followers are known: (20 / 3) / 1,600 * 100.
    expect(data.totals.engagementRate).toBeCloseTo(0.4166666667, 8);
    expect(data.totals.postsPerWeek).toBe(3);
    expect(data.totals.stale).toBe(true);
  });

  it("gives each handle its own figures, null where nothing was measured", async () => {
    const app = setup();
    const data = await app.data<StatsData>("/mission-stats washington 7d", undefined, "2026-11-26");
    const [x, fb] = data.handles;
    expect(x).toMatchObject({
      platform: "x",
      handle: "ArcadiaInUSA",
      verified: true,
      followers: 1100,
      followersAsOf: "2026-11-26",
      followerGrowth: 100,
      posts: 2,
      interactions: 20,
      interactionsPerPost: 10,
      lastPostAt: "2026-11-24",
      daysSinceLastPost: 2,
      stale: false,
    });
    expect(x?.engagementRate as number).toBeCloseTo((10 / 1100) * 100, 10);
    expect(fb).toMatchObject({
      platform: "facebook",
      verified: false,
      followers: 500,
      followersAsOf: "2026-11-22",
      followerGrowth: null,
      followerGrowthPct: null,
      posts: 1,
      interactions: null,
      interactionsPerPost: null,
      engagementRate: null,
      stale: true,
    });
  });

  it("ranks among the four missions abroad, ties sharing a rank and nulls unranked", async () => {
    const app = setup();
    const washington = await app.data<StatsData>("/mission-stats washington 7d", undefined, "2026-11-26");
    expect(washington.rank).toEqual({
      followers: 2,
      followerGrowthPct: 1,
      engagementRate: 2,
      posts: 1,
      of: 4,
    });
    const riyadh = await app.data<StatsData>("/mission-stats riyadh 7d", undefined, "2026-11-26");
    expect(riyadh.rank).toEqual({
      followers: 1,
      followerGrowthPct: 3,
      engagementRate: null,
      posts: 2,
      of: 4,
    });
    expect(riyadh.totals.engagementRate).toBeNull();
    expect(riyadh.totals.interactions).toBe(5);
    const karachi = await app.data<StatsData>("/mission-stats karachi 7d", undefined, "2026-11-26");
    expect(karachi.rank.posts).toBe(2);
    expect(karachi.totals.posts).toBe(1);
  });

  it("counts a post by its local date in the mission's zone", async () => {
    const app = setup();
    const karachi = await app.data<StatsData>("/mission-stats karachi 7d", undefined, "2026-11-26");
    expect(karachi.totals.interactions).toBe(30);
    expect(karachi.topPosts.map((p) => p.url)).toEqual(["https://x.com/ArcadiaInKarachi/status/1"]);
  });

  it("finds missions by city, country or accent-free name", async () => {
    const app = setup();
    const byCountry = await app.data<StatsData>("/mission-stats pakistan 7d", undefined, "2026-11-26");
    expect(byCountry.mission.code).toBe("karachi");
    const byAccentFree = await app.data<StatsData>('/mission-stats "sao paulo" 7d', undefined, "2026-11-26");
    expect(byAccentFree.mission.code).toBe("sao-paulo");
    expect(byAccentFree.totals.followers).toBeNull();
    expect(byAccentFree.totals.posts).toBe(0);
  });

  it("answers an unknown mission with suggestions and a bad period with the accepted forms", async () => {
    const app = setup();
    const unknown = await app.run("/mission-stats washingtn");
    expect(unknown.status).toBe("user_error");
    if (unknown.status === "user_error") expect(unknown.error.message).toContain("washington");
    const badPeriod = await app.run("/mission-stats washington 13x");
    expect(badPeriod.status).toBe("user_error");
    if (badPeriod.status === "user_error") expect(badPeriod.error.message).toMatch(/7d|2026-W47/);
  });

  it("includes a PNG chart and period buttons in the reply", async () => {
    const app = setup();
    const outcome = await app.run("/mission-stats washington 7d", undefined, "2026-11-26");
    expect(outcome.status).toBe("ok");
    if (outcome.status !== "ok") return;
    const chart = outcome.result.reply.elements.find((e) => e.type === "chart");
    expect(chart?.type === "chart" && Buffer.from(chart.png.subarray(1, 4)).toString()).toBe("PNG");
    const buttons = outcome.result.reply.elements.find((e) => e.type === "buttons");
    expect(buttons?.type === "buttons" && buttons.buttons.map((b) => b.command)).toEqual([
      "/mission-stats washington 7d",
      "/mission-stats washington 30d",
      "/mission-stats washington 90d",
    ]);
  });
});
