import { describe, expect, it } from "vitest";
import {
  buildDigest,
  chartSeries,
  type DigestHandleFigures,
  type DigestInput,
  type DigestRanks,
  engagementClause,
  headline,
  historyWeekEnds,
} from "../../src/domain/digest.ts";
import {
  digestWeek,
  digestWeekBefore,
  isoWeekLabel,
  latestDigestWeek,
  previousDigestWeek,
} from "../../src/domain/digest-week.ts";
import type { HandleMetrics, MissionTotals } from "../../src/domain/metrics.ts";

const WEEK = { start: "2026-11-16", end: "2026-11-22", days: 7, label: "2026-W47" };
const BEFORE = { start: "2026-11-09", end: "2026-11-15", days: 7, label: "2026-W46" };

function metrics(over: Partial<HandleMetrics> = {}): HandleMetrics {
  return {
    followers: 1000,
    followersAsOf: "2026-11-22",
    followerGrowth: 10,
    followerGrowthPct: 1,
    posts: 2,
    interactions: 20,
    interactionsPerPost: 10,
    engagementRate: 1,
    postsPerWeek: 2,
    lastPostAt: "2026-11-21",
    daysSinceLastPost: 1,
    stale: false,
    ...over,
  };
}

function totals(over: Partial<MissionTotals> = {}): MissionTotals {
  return {
    followers: 134_982,
    followerGrowth: 1204,
    followerGrowthPct: (1204 / 133_778) * 100,
    posts: 12,
    interactions: 900,
    interactionsPerPost: 75,
    engagementRate: 0.8,
    postsPerWeek: 12,
    stale: false,
    ...over,
  };
}

function handle(id: number, platform: string, over: Partial<DigestHandleFigures["handle"]> = {}) {
  return {
    id,
    platform,
    handle: `h${id}`,
    url: null,
    verified: true,
    collectionStatus: null,
    collectionError: null,
    collectionErrorSince: null,
    ...over,
  };
}

const RANKS: DigestRanks = { followers: 3, followerGrowthPct: 5, engagementRate: 10, posts: null, of: 120 };

function input(over: Partial<DigestInput> = {}): DigestInput {
  return {
    mission: {
      id: 1,
      code: "washington",
      name: "Embassy in Washington",
      city: "Washington",
      timezone: "America/New_York",
    },
    week: WEEK,
    previousWeek: BEFORE,
    handles: [{ handle: handle(1, "x"), current: metrics(), previous: metrics() }],
    totals: { current: totals(), previous: totals({ engagementRate: 0.6 }) },
    rank: {
      current: RANKS,
      previous: { followers: 4, followerGrowthPct: 2, engagementRate: 10, posts: 7, of: 119 },
    },
    topPosts: [],
    verificationLost: [],
    historyWeekEnds: [],
    history: [],
    ...over,
  };
}

describe("digest weeks", () => {
  it("covers Monday to Sunday for a Monday working week, Sunday to Saturday for a Sunday one", () => {
    expect(digestWeek("2026-W47", 1)).toEqual({
      start: "2026-11-16",
      end: "2026-11-22",
      days: 7,
      label: "2026-W47",
    });
    expect(digestWeek("2026-W47", 7)).toEqual({
      start: "2026-11-15",
      end: "2026-11-21",
      days: 7,
      label: "2026-W47",
    });
  });

  it("names the week just ended on the run day: Monday 2026-11-23 and Sunday 2026-11-22 both give 2026-W47", () => {
    expect(digestWeekBefore("2026-11-23", 1).label).toBe("2026-W47");
    expect(digestWeekBefore("2026-11-22", 7)).toEqual(digestWeek("2026-W47", 7));
    // Run mid-week by hand: still the last complete week.
    expect(digestWeekBefore("2026-11-25", 1).label).toBe("2026-W47");
    expect(digestWeekBefore("2026-11-25", 7).label).toBe("2026-W47");
    // On Sunday 2026-11-22 the Monday week 2026-W47 is not over yet: the last complete one is W46.
    expect(digestWeekBefore("2026-11-22", 1).label).toBe("2026-W46");
  });

  it("finds the latest complete week on or before a day", () => {
    expect(latestDigestWeek("2026-11-22", 1).label).toBe("2026-W47");
    expect(latestDigestWeek("2026-11-21", 1).label).toBe("2026-W46");
    expect(latestDigestWeek("2026-11-21", 7)).toEqual(digestWeek("2026-W47", 7));
  });

  it("crosses the year with ISO week-year rules", () => {
    expect(isoWeekLabel("2027-01-01")).toBe("2026-W53");
    expect(previousDigestWeek(digestWeek("2027-W01", 1)).label).toBe("2026-W53");
    expect(previousDigestWeek(digestWeek("2027-W01", 7))).toEqual(digestWeek("2026-W53", 7));
    expect(() => digestWeek("2025-W53", 1)).toThrow(RangeError);
  });
});

describe("the headline", () => {
  it("reads like a sentence, with growth and engagement against the week before", () => {
    expect(headline("Washington", totals(), totals({ engagementRate: 0.6 }))).toBe(
      "Washington gained 1,204 followers (+0.9%) last week; engagement 0.8%, up from 0.6%.",
    );
  });

  it("says lost, held, or n/a when growth is not known", () => {
    expect(headline("Riyadh", totals({ followerGrowth: -52, followerGrowthPct: -0.13 }), totals())).toBe(
      "Riyadh lost 52 followers (-0.1%) last week; engagement unchanged at 0.8%.",
    );
    expect(
      headline("Riyadh", totals({ followerGrowth: 0, followerGrowthPct: 0, followers: 500 }), totals()),
    ).toBe("Riyadh kept its 500 followers last week, no gain or loss; engagement unchanged at 0.8%.");
    expect(headline("Riyadh", totals({ followerGrowth: null, followerGrowthPct: null }), totals())).toBe(
      "Riyadh has 135K followers (growth last week n/a: no earlier figure to compare with); engagement unchanged at 0.8%.",
    );
  });

  it("compares engagement as people read it, to one decimal", () => {
    expect(engagementClause(0.84, 0.76)).toBe("engagement unchanged at 0.8%");
    expect(engagementClause(0.5, 0.9)).toBe("engagement 0.5%, down from 0.9%");
    expect(engagementClause(0.5, null)).toBe("engagement 0.5% (n/a the week before)");
    expect(engagementClause(null, 0.5)).toBe("engagement n/a (no posts with interaction counts)");
  });
});

describe("buildDigest", () => {
  it("keeps the figures and ranks, with places moved since the week before", () => {
    const d = buildDigest(input());
    expect(d.kind).toBe("full");
    if (d.kind !== "full") return;
    expect(d.headline).toBe(
      "Washington gained 1,204 followers (+0.9%) last week; engagement 0.8%, up from 0.6%.",
    );
    expect(d.rankOf).toBe(120);
    expect(d.ranks).toEqual([
      { metric: "followers", current: 3, previous: 4, change: 1 },
      { metric: "followerGrowthPct", current: 5, previous: 2, change: -3 },
      { metric: "engagementRate", current: 10, previous: 10, change: 0 },
      { metric: "posts", current: null, previous: 7, change: null },
    ]);
  });

  it("keeps three top posts", () => {
    const post = (n: number) => ({
      handleId: 1,
      platform: "x",
      handle: "h1",
      url: `https://x.com/h1/status/${n}`,
      localDate: "2026-11-20",
      publishedAt: null,
      interactions: 100 - n,
    });
    const d = buildDigest(input({ topPosts: [post(1), post(2), post(3), post(4)] }));
    expect(d.kind === "full" && d.topPosts.map((p) => p.interactions)).toEqual([99, 98, 97]);
  });

  it("lists handles silent for 7+ days, but not stale ones (whether they post is unknown)", () => {
    const d = buildDigest(
      input({
        handles: [
          { handle: handle(1, "x"), current: metrics({ daysSinceLastPost: 6 }), previous: metrics() },
          {
            handle: handle(2, "facebook"),
            current: metrics({ lastPostAt: "2026-11-15", daysSinceLastPost: 7, posts: 0 }),
            previous: metrics(),
          },
          {
            handle: handle(3, "instagram"),
            current: metrics({ lastPostAt: null, daysSinceLastPost: null, posts: 0 }),
            previous: metrics(),
          },
          {
            handle: handle(4, "tiktok"),
            current: metrics({ daysSinceLastPost: 30, stale: true }),
            previous: metrics(),
          },
        ],
      }),
    );
    expect(d.kind === "full" && d.inactive.map((h) => [h.handleId, h.daysSinceLastPost])).toEqual([
      [2, 7],
      [3, null],
    ]);
  });

  it("explains stale data: since when, and the fix (token to renew, or a file to import)", () => {
    const d = buildDigest(
      input({
        handles: [
          {
            handle: handle(1, "facebook", {
              handle: "ArcadiaEmbassyUSA",
              collectionStatus: "token_expired",
              collectionError: "Facebook rejected the page token since 2026-11-10: renew it.",
            }),
            current: metrics({ followersAsOf: "2026-11-10", stale: true }),
            previous: metrics(),
          },
          {
            handle: handle(2, "x", { handle: "ArcadiaInUSA", collectionStatus: "ok" }),
            current: metrics({ followersAsOf: null, stale: true }),
            previous: metrics(),
          },
          {
            handle: handle(3, "instagram", {
              handle: "arcadia_usa",
              collectionStatus: "permission",
              collectionError: "Instagram refused access (code 10)",
            }),
            current: metrics({ followersAsOf: "2026-11-12", stale: true }),
            previous: metrics(),
          },
        ],
      }),
    );
    if (d.kind !== "full") throw new Error("expected a full digest");
    expect(d.stale).toEqual([
      {
        handleId: 1,
        platform: "facebook",
        handle: "ArcadiaEmbassyUSA",
        since: "2026-11-10",
        collectionStatus: "token_expired",
        fix: 'Facebook rejected the page token since 2026-11-10: renew it. Until then, import a fresh export: send the bot this account\'s latest export file in a direct message, with "facebook:ArcadiaEmbassyUSA" in the message (or run dmd import <file> --handle facebook:ArcadiaEmbassyUSA).',
      },
      {
        handleId: 2,
        platform: "x",
        handle: "ArcadiaInUSA",
        since: null,
        collectionStatus: null,
        fix: 'Import a fresh export: send the bot this account\'s latest export file in a direct message, with "x:ArcadiaInUSA" in the message (or run dmd import <file> --handle x:ArcadiaInUSA).',
      },
      {
        handleId: 3,
        platform: "instagram",
        handle: "arcadia_usa",
        since: "2026-11-12",
        collectionStatus: "permission",
        fix: 'API collection stopped because the platform refuses the API access to its statistics: Instagram refused access (code 10). Meanwhile, import a fresh export: send the bot this account\'s latest export file in a direct message, with "instagram:arcadia_usa" in the message (or run dmd import <file> --handle instagram:arcadia_usa).',
      },
    ]);
  });

  it("reports a badge lost during the week once, unless it was restored since", () => {
    const d = buildDigest(
      input({
        handles: [
          { handle: handle(1, "x", { verified: false }), current: metrics(), previous: metrics() },
          { handle: handle(2, "facebook", { verified: true }), current: metrics(), previous: metrics() },
        ],
        verificationLost: [
          { handleId: 1, date: "2026-11-17" },
          { handleId: 1, date: "2026-11-19" },
          { handleId: 2, date: "2026-11-18" },
          { handleId: 99, date: "2026-11-18" },
        ],
      }),
    );
    expect(d.kind === "full" && d.verificationLost).toEqual([
      { handleId: 1, platform: "x", handle: "h1", date: "2026-11-19" },
    ]);
  });

  it("gives a mission from which nothing arrived the short message with the fix", () => {
    const d = buildDigest(
      input({
        handles: [
          {
            handle: handle(1, "x", { handle: "ArcadiaInKSA" }),
            current: metrics({ followersAsOf: "2026-11-01", posts: 0, stale: true }),
            previous: metrics(),
          },
        ],
      }),
    );
    expect(d.kind).toBe("no_data");
    if (d.kind !== "no_data") return;
    expect(d.headline).toBe(
      "No data received for Washington for the week of 2026-11-16 to 2026-11-22: no follower figures and no posts arrived from its account.",
    );
    expect(d.problems).toEqual([
      "X @ArcadiaInKSA: last follower figure 2026-11-01 (21 days before the week ended).",
    ]);
    expect(d.fixes).toHaveLength(1);
    expect(d.fixes[0]).toContain('"x:ArcadiaInKSA"');
  });

  it("tells a mission without handles to register them", () => {
    const d = buildDigest(input({ handles: [] }));
    expect(d.kind).toBe("no_data");
    expect(d.kind === "no_data" && d.fixes[0]).toContain("/handle add washington <platform> <handle>");
  });
});

describe("the follower chart", () => {
  it("sums each platform's handles per week end, leaving a gap when one of them has no figure", () => {
    const ends = historyWeekEnds(WEEK, 3);
    expect(ends).toEqual(["2026-11-08", "2026-11-15", "2026-11-22"]);
    const handles = [
      { handle: handle(1, "x"), current: metrics(), previous: metrics() },
      { handle: handle(2, "x"), current: metrics(), previous: metrics() },
      { handle: handle(3, "facebook"), current: metrics(), previous: metrics() },
      { handle: handle(4, "youtube"), current: metrics(), previous: metrics() },
    ];
    const series = chartSeries(handles, ends, [
      { handleId: 1, values: [100, 110, 120] },
      { handleId: 2, values: [50, null, 70] },
      { handleId: 3, values: [null, 5, 6] },
      { handleId: 4, values: [null, null, null] },
    ]);
    expect(series).toEqual([
      {
        platform: "x",
        points: [
          { date: "2026-11-08", value: 150 },
          { date: "2026-11-15", value: null },
          { date: "2026-11-22", value: 190 },
        ],
      },
      {
        platform: "facebook",
        points: [
          { date: "2026-11-08", value: null },
          { date: "2026-11-15", value: 5 },
          { date: "2026-11-22", value: 6 },
        ],
      },
    ]);
  });
});
