import { describe, expect, it } from "vitest";
import { isRankMetric, RANK_METRICS, rankDescending } from "../../src/domain/ranks.ts";

describe("rankDescending", () => {
  it("ties share a rank, the next rank skips, nulls come last unranked", () => {
    const ranked = rankDescending([
      { key: "a", value: 10 },
      { key: "b", value: 30 },
      { key: "c", value: 20 },
      { key: "e", value: null },
      { key: "d", value: 20 },
      { key: "f", value: 5 },
      { key: "g", value: null },
    ]);
    expect(ranked).toEqual([
      { key: "b", value: 30, rank: 1 },
      { key: "c", value: 20, rank: 2 },
      { key: "d", value: 20, rank: 2 },
      { key: "a", value: 10, rank: 4 },
      { key: "f", value: 5, rank: 5 },
      { key: "e", value: null, rank: null },
      { key: "g", value: null, rank: null },
    ]);
  });

  it("keeps input order among ties", () => {
    const ranked = rankDescending([
      { key: 3, value: 7 },
      { key: 1, value: 7 },
      { key: 2, value: 7 },
    ]);
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      [3, 1],
      [1, 1],
      [2, 1],
    ]);
  });

  it("ranks negatives and zero (a shrinking mission is still ranked)", () => {
    const ranked = rankDescending([
      { key: "x", value: -5 },
      { key: "y", value: 0 },
      { key: "z", value: -5 },
      { key: "w", value: -12.5 },
    ]);
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ["y", 1],
      ["x", 2],
      ["z", 2],
      ["w", 4],
    ]);
  });

  it("treats NaN as unknown", () => {
    expect(
      rankDescending([
        { key: "n", value: Number.NaN },
        { key: "o", value: 1 },
      ]),
    ).toEqual([
      { key: "o", value: 1, rank: 1 },
      { key: "n", value: null, rank: null },
    ]);
  });

  it("handles all-null and empty lists", () => {
    expect(rankDescending([])).toEqual([]);
    expect(rankDescending([{ key: 1, value: null }])).toEqual([{ key: 1, value: null, rank: null }]);
  });
});

describe("RANK_METRICS", () => {
  it("lists the five leaderboard fields", () => {
    expect([...RANK_METRICS]).toEqual([
      "followers",
      "followerGrowthPct",
      "engagementRate",
      "posts",
      "interactions",
    ]);
    expect(isRankMetric("engagementRate")).toBe(true);
    expect(isRankMetric("likes")).toBe(false);
  });
});
