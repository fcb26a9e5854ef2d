import { describe, expect, it } from "vitest";
import {
  buildMissionFacts,
  type FactsPack,
  factsHash,
  type MissionFactsInput,
  trimCaption,
} from "../../src/domain/facts.ts";
import type { HandleMetrics, MissionTotals } from "../../src/domain/metrics.ts";
import { buildNetworkFacts, type NetworkMissionInput } from "../../src/domain/network-facts.ts";

function totals(partial: Partial<MissionTotals> = {}): MissionTotals {
  return {
    followers: null,
    followerGrowth: null,
    followerGrowthPct: null,
    posts: 0,
    interactions: null,
    interactionsPerPost: null,
    engagementRate: null,
    postsPerWeek: 0,
    stale: false,
    ...partial,
  };
}

const OCTOBER = {
  start: "2026-10-01",
  end: "2026-10-31",
  days: 31,
  label: "2026-10-01..2026-10-31",
  key: "2026-10",
  words: "October 2026",
};
const SEPTEMBER = {
  start: "2026-09-01",
  end: "2026-09-30",
  days: 30,
  label: "2026-09-01..2026-09-30",
  key: "2026-09",
  words: "September 2026",
};

function input(overrides: Partial<MissionFactsInput> = {}): MissionFactsInput {
  const current = totals({
    followers: 10_000,
    followerGrowth: 200,
    followerGrowthPct: 2.0408163,
    posts: 10,
    interactions: 500,
    interactionsPerPost: 50,
    engagementRate: 0.5,
    postsPerWeek: (10 / 31) * 7,
  });
  return {
    mission: { code: "lima", name: "Embassy in Lima", region: "Americas", language: "es" },
    period: OCTOBER,
    previous: SEPTEMBER,
    current,
    before: totals({
      followers: 9_800,
      followerGrowth: 100,
      followerGrowthPct: 1.03,
      posts: 8,
      interactions: 400,
      interactionsPerPost: 50,
      engagementRate: 0.51,
      postsPerWeek: (8 / 30) * 7,
    }),
    handles: [
      { platform: "x", handle: "PeruX", stale: false },
      { platform: "facebook", handle: "PeruFB", stale: true },
    ],
    fleet: [
      { code: "lima", region: "Americas", totals: current },
      // Exactly half and exactly twice the followers: peers (the band is inclusive).
      {
        code: "quito",
        region: "Americas",
        totals: totals({ followers: 5_000, engagementRate: 1.0, posts: 4 }),
      },
      {
        code: "bogota",
        region: "americas",
        totals: totals({ followers: 20_000, engagementRate: 0.2, posts: 20 }),
      },
      {
        code: "tiny",
        region: "Americas",
        totals: totals({ followers: 4_999, engagementRate: 3.0, posts: 1 }),
      },
      {
        code: "oslo",
        region: "Europe",
        totals: totals({ followers: 10_000, engagementRate: 0.5, posts: 10 }),
      },
    ],
    topPosts: [
      { platform: "x", handle: "PeruX", date: "2026-10-03", interactions: 200, caption: "  Best\n\npost  " },
      { platform: "facebook", handle: "PeruFB", date: "2026-10-09", interactions: 150, caption: null },
    ],
    bottomPosts: [
      { platform: "x", handle: "PeruX", date: "2026-10-20", interactions: 2, caption: "Weak" },
      { platform: "facebook", handle: "PeruFB", date: "2026-10-09", interactions: 150, caption: null },
    ],
    alerts: [
      {
        kind: "follower_drop",
        severity: "serious",
        date: "2026-10-12",
        platform: "x",
        handle: "PeruX",
        details: { change: -150, changePct: -1.5, followers: 9_850 },
      },
      {
        kind: "silent",
        severity: "warning",
        date: "2026-10-25",
        platform: "facebook",
        handle: "PeruFB",
        details: { days: 15 },
      },
    ],
    adoption: { targeted: 3, verified: 2 },
    ...overrides,
  };
}

function facts(pack: FactsPack): Record<string, [unknown, string]> {
  return Object.fromEntries(pack.facts.map((f) => [f.id, [f.value, f.display]]));
}

describe("a mission's facts pack", () => {
  it("states the METRICS.md figures and their changes against the previous period", () => {
    const f = facts(buildMissionFacts(input()));
    expect(f.followers).toEqual([10_000, "10K"]);
    expect(f.followers_previous).toEqual([9_800, "9,800"]);
    expect(f.followers_change).toEqual([200, "+200"]);
    expect(f.followers_change_pct).toEqual([2.0408163, "+2.0%"]);
    expect(f.followers_change_pct_previous).toEqual([1.03, "+1.0%"]);
    expect(f.posts_change).toEqual([2, "+2"]);
    expect(f.posts_change_pct).toEqual([25, "+25.0%"]);
    expect(f.posts_per_week?.[1]).toBe("2.3");
    expect(f.interactions_change).toEqual([100, "+100"]);
    expect(f.interactions_change_pct).toEqual([25, "+25.0%"]);
    expect(f.interactions_per_post_change_pct).toEqual([0, "0.0%"]);
    expect(f.engagement_rate).toEqual([0.5, "0.5%"]);
    expect(f.engagement_rate_change_pts?.[1]).toBe("0.0");
    expect(f.engagement_rate_change_pct?.[1]).toBe("-2.0%");
    expect(f.handles).toEqual([2, "2"]);
    expect(f.stale_handles).toEqual([1, "1"]);
    expect(f.period_days).toEqual([31, "31"]);
  });

  it("ranks the mission among the missions abroad, ties sharing a rank", () => {
    const f = facts(buildMissionFacts(input()));
    // Followers: bogota 20,000; lima and oslo 10,000 (tied 2nd); quito; tiny.
    expect(f.rank_followers).toEqual([2, "2"]);
    // Engagement: tiny 3.0, quito 1.0, lima and oslo 0.5 (tied 3rd), bogota 0.2.
    expect(f.rank_engagement).toEqual([3, "3"]);
    expect(f.ranked_missions).toEqual([5, "5"]);
  });

  it("compares with the region's median (region matched whatever its case) and with peers of ×0.5 to ×2 followers", () => {
    const f = facts(buildMissionFacts(input()));
    expect(f.region_missions).toEqual([4, "4"]);
    // Americas engagement: 0.2, 0.5, 1.0, 3.0: median (0.5 + 1.0) / 2.
    expect(f.region_median_engagement).toEqual([0.75, "0.8%"]);
    expect(f.region_median_posts).toEqual([7, "7.0"]);
    // Peers: quito (5,000) and bogota (20,000), and oslo (10,000) from another region; not tiny (4,999).
    expect(f.peer_missions).toEqual([3, "3"]);
    expect(f.peer_followers_low).toEqual([5_000, "5,000"]);
    expect(f.peer_followers_high).toEqual([20_000, "20K"]);
    expect(f.peer_median_engagement).toEqual([0.5, "0.5%"]);
    expect(f.peer_median_posts).toEqual([10, "10.0"]);
  });

  it("has no peers, and says n/a, when the mission's followers are unknown", () => {
    const unknown = totals({ posts: 0 });
    const base = input();
    const pack = buildMissionFacts({
      ...base,
      current: unknown,
      fleet: base.fleet.map((e) => (e.code === "lima" ? { ...e, totals: unknown } : e)),
    });
    const f = facts(pack);
    expect(f.followers).toEqual([null, "n/a"]);
    expect(f.followers_change_pct).toEqual([null, "n/a"]);
    expect(f.peer_missions).toEqual([null, "n/a"]);
    expect(f.peer_median_engagement).toEqual([null, "n/a"]);
    expect(f.rank_followers).toEqual([null, "n/a"]);
  });

  it("lists the top posts, and the weakest ones not already listed, with trimmed captions", () => {
    const pack = buildMissionFacts(input());
    const f = facts(pack);
    expect(f.top_post_1_platform).toEqual(["X", "X"]);
    expect(f.top_post_1_handle).toEqual(["@PeruX", "@PeruX"]);
    expect(f.top_post_1_date).toEqual(["2026-10-03", "2026-10-03"]);
    expect(f.top_post_1_interactions).toEqual([200, "200"]);
    expect(f.top_post_2_platform).toEqual(["Facebook", "Facebook"]);
    expect(f.bottom_post_1_interactions).toEqual([2, "2"]);
    expect(f.bottom_post_2_interactions).toBeUndefined();
    expect(pack.posts.map((p) => [p.ref, p.caption])).toEqual([
      ["top_post_1", "Best post"],
      ["top_post_2", null],
      ["bottom_post_1", "Weak"],
    ]);
    expect(pack.facts.find((x) => x.id === "top_post_2_date")?.position).toBe(2);
  });

  it("counts the period's alerts and states each one's figures", () => {
    const f = facts(buildMissionFacts(input()));
    expect(f.alerts).toEqual([2, "2"]);
    expect(f.alerts_serious).toEqual([1, "1"]);
    expect(f.alert_1_kind).toEqual(["follower drop", "follower drop"]);
    expect(f.alert_1_handle).toEqual(["X @PeruX", "X @PeruX"]);
    expect(f.alert_1_change).toEqual([-150, "-150"]);
    expect(f.alert_1_change_pct).toEqual([-1.5, "-1.5%"]);
    expect(f.alert_2_kind).toEqual(["handle silent", "handle silent"]);
    expect(f.alert_2_days).toEqual([15, "15"]);
  });

  it("states content adoption only when content was sent", () => {
    const f = facts(buildMissionFacts(input()));
    expect(f.content_targeted).toEqual([3, "3"]);
    expect(f.content_shared).toEqual([2, "2"]);
    expect(f.content_adoption_pct?.[1]).toBe("66.7%");
    const none = facts(buildMissionFacts(input({ adoption: null })));
    expect(none.content_adoption_pct).toBeUndefined();
    expect(
      facts(buildMissionFacts(input({ adoption: { targeted: 0, verified: 0 } }))).content_targeted,
    ).toBeUndefined();
  });

  it("gives every fact a unique id", () => {
    const ids = buildMissionFacts(input()).facts.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the facts hash", () => {
  it("is the same for the same facts and changes with any figure or caption", () => {
    const base = factsHash(buildMissionFacts(input()));
    expect(factsHash(buildMissionFacts(input()))).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const moreFollowers = input();
    moreFollowers.current = { ...moreFollowers.current, followers: 10_001 };
    expect(factsHash(buildMissionFacts(moreFollowers))).not.toBe(base);
    const otherCaption = input();
    otherCaption.topPosts = [
      { ...(otherCaption.topPosts[0] as MissionFactsInput["topPosts"][number]), caption: "Other" },
    ];
    expect(factsHash(buildMissionFacts(otherCaption))).not.toBe(base);
  });
});

describe("trimCaption", () => {
  it("collapses whitespace and cuts long captions at a word with an ellipsis", () => {
    expect(trimCaption("  a\n b\t c ")).toBe("a b c");
    expect(trimCaption("   ")).toBeNull();
    expect(trimCaption(null)).toBeNull();
    const long = "word ".repeat(100);
    const cut = trimCaption(long, 30) ?? "";
    expect(cut).toBe("word word word word word word…");
    expect(cut.length).toBeLessThanOrEqual(30);
  });
});

describe("the network's facts pack", () => {
  function metrics(partial: Partial<HandleMetrics>): HandleMetrics {
    return {
      followers: null,
      followersAsOf: null,
      followerGrowth: null,
      followerGrowthPct: null,
      posts: 0,
      interactions: null,
      interactionsPerPost: null,
      engagementRate: null,
      postsPerWeek: 0,
      lastPostAt: null,
      daysSinceLastPost: null,
      stale: false,
      ...partial,
    };
  }

  function mission(
    code: string,
    region: string,
    now: Partial<HandleMetrics>,
    before: Partial<HandleMetrics>,
  ) {
    const current = metrics({ followersAsOf: "2026-10-31", ...now });
    const previous = metrics({ followersAsOf: "2026-09-30", ...before });
    const t = (m: HandleMetrics, days: number) =>
      totals({
        followers: m.followers,
        followerGrowth: m.followerGrowth,
        followerGrowthPct: m.followerGrowthPct,
        posts: m.posts,
        interactions: m.interactions,
        interactionsPerPost: m.interactionsPerPost,
        engagementRate: m.engagementRate,
        postsPerWeek: (m.posts / days) * 7,
      });
    return {
      code,
      name: `Embassy ${code}`,
      region,
      current: t(current, 31),
      before: t(previous, 30),
      handles: [{ current, before: previous }],
    } satisfies NetworkMissionInput;
  }

  it("sums the network, names the movers within the thresholds, and the regions' medians", () => {
    const pack = buildNetworkFacts({
      name: "All missions",
      language: null,
      period: OCTOBER,
      previous: SEPTEMBER,
      missions: [
        mission(
          "a",
          "Europe",
          {
            followers: 2_000,
            followerGrowth: 100,
            followerGrowthPct: 5.263,
            posts: 4,
            interactions: 80,
            interactionsPerPost: 20,
            engagementRate: 1,
          },
          { followers: 1_900, posts: 4, interactions: 40, interactionsPerPost: 10, engagementRate: 0.5 },
        ),
        mission(
          "b",
          "Europe",
          {
            followers: 5_000,
            followerGrowth: -50,
            followerGrowthPct: -0.99,
            posts: 3,
            interactions: 30,
            interactionsPerPost: 10,
            engagementRate: 0.2,
          },
          { followers: 5_050, posts: 0 },
        ),
        // Under 1,000 followers: left out of the growth movers despite +50%.
        mission(
          "c",
          "Asia",
          { followers: 600, followerGrowth: 200, followerGrowthPct: 50, posts: 0 },
          { followers: 400 },
        ),
      ],
      topPosts: [
        {
          platform: "x",
          handle: "A",
          date: "2026-10-02",
          interactions: 50,
          caption: "hi",
          mission: "Embassy a",
        },
      ],
      alerts: [],
      adoption: null,
    });
    const f = facts(pack);
    expect(f.missions).toEqual([3, "3"]);
    expect(f.missions_without_posts).toEqual([1, "1"]);
    expect(f.followers).toEqual([7_600, "7,600"]);
    expect(f.posts).toEqual([7, "7"]);
    expect(f.growth_top_1_mission).toEqual(["Embassy a", "Embassy a"]);
    expect(f.growth_top_1_pct?.[1]).toBe("+5.3%");
    expect(f.growth_top_2_mission).toEqual(["Embassy b", "Embassy b"]);
    expect(f.growth_top_3_mission).toBeUndefined();
    expect(f.growth_bottom_1_mission).toBeUndefined();
    expect(f.engagement_top_1_mission).toEqual(["Embassy a", "Embassy a"]);
    expect(f.engagement_top_1_rate).toEqual([1, "1.0%"]);
    expect(f.engagement_top_1_change_pts).toEqual([0.5, "+0.5"]);
    // b had no posts the week before: no change stated.
    expect(f.engagement_top_2_change_pts).toEqual([null, "n/a"]);
    expect(f.region_europe_missions).toEqual([2, "2"]);
    expect(f.region_europe_median_engagement?.[1]).toBe("0.6%");
    expect(f.region_asia_median_engagement).toEqual([null, "n/a"]);
    expect(f.top_post_1_mission).toEqual(["Embassy a", "Embassy a"]);
    expect(pack.subject).toMatchObject({ kind: "network", code: "network" });
  });
});
