import { describe, expect, it } from "vitest";
import {
  detectFollowerAnomalies,
  detectSilent,
  detectTokenExpired,
  detectVerificationLost,
  detectViralPosts,
  type FollowerReading,
  median,
  type PostInteractions,
  percentile,
} from "../../src/domain/alerts.ts";
import { addDays } from "../../src/domain/dates.ts";

/**
 * 10,000 followers on 2026-10-01, then 28 daily changes alternating +10 and +20 (mean 15,
 * population standard deviation 5), reaching 10,420 on 2026-10-29; then `last` on 2026-10-30.
 */
function series(
  last: number,
  baseline: number[] = Array.from({ length: 28 }, (_, i) => (i % 2 === 0 ? 10 : 20)),
) {
  const readings: FollowerReading[] = [{ date: "2026-10-01", followers: 10_000 }];
  let followers = 10_000;
  baseline.forEach((change, i) => {
    followers += change;
    readings.push({ date: addDays("2026-10-02", i), followers });
  });
  readings.push({ date: addDays("2026-10-02", baseline.length), followers: followers + last });
  return readings;
}

const DAY = "2026-10-30";

describe("detectFollowerAnomalies", () => {
  it("flags a drop far outside mean ± 3σ, serious from 1% of the followers", () => {
    const [alert, ...rest] = detectFollowerAnomalies(7, series(-200), [DAY]);
    expect(rest).toEqual([]);
    expect(alert).toEqual({
      kind: "follower_drop",
      handleId: 7,
      subject: "handle:7",
      periodKey: DAY,
      severity: "serious", // 200 >= 1% of 10,420
      details: {
        date: DAY,
        change: -200,
        changePct: (-200 / 10_420) * 100,
        followers: 10_220,
        usualMean: 15,
        usualSd: 5,
        baselineChanges: 28,
      },
    });
    // -50 is 65 below the mean: beyond 3σ (15) and the floor (0.25% of 10,420 = 26.05), under 1%.
    expect(detectFollowerAnomalies(7, series(-50), [DAY])[0]?.severity).toBe("warning");
  });

  it("flags a spike as information, only past the minimum so small wobbles stay quiet", () => {
    // +40 is 25 above the mean: beyond 3σ but under the 26.05 floor.
    expect(detectFollowerAnomalies(7, series(40), [DAY])).toEqual([]);
    const [spike] = detectFollowerAnomalies(7, series(45), [DAY]);
    expect(spike?.kind).toBe("follower_spike");
    expect(spike?.severity).toBe("info");
    expect(spike?.details.change).toBe(45);
  });

  it("keeps tiny accounts quiet on ±2 (the 25-follower floor)", () => {
    const flat = Array.from({ length: 28 }, () => 0);
    expect(detectFollowerAnomalies(1, series(-2, flat), [DAY])).toEqual([]);
    expect(detectFollowerAnomalies(1, series(-24, flat), [DAY])).toEqual([]);
    expect(detectFollowerAnomalies(1, series(-30, flat), [DAY])[0]?.kind).toBe("follower_drop");
  });

  it("does not call a slower gain a drop, and needs 14 measured changes to judge", () => {
    const fast = Array.from({ length: 28 }, (_, i) => (i % 2 === 0 ? 1000 : 1010));
    expect(detectFollowerAnomalies(1, series(100, fast), [DAY])).toEqual([]);
    const short = series(
      -500,
      Array.from({ length: 13 }, () => 10),
    );
    expect(detectFollowerAnomalies(1, short, [addDays("2026-10-02", 13)])).toEqual([]);
  });

  it("skips a day without a reading on it or the day before", () => {
    const readings = series(-200).filter((r) => r.date !== "2026-10-29");
    expect(detectFollowerAnomalies(1, readings, [DAY])).toEqual([]);
  });
});

describe("median and percentile", () => {
  it("take the middle pair's mean and the nearest rank", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const thirty = Array.from({ length: 30 }, (_, i) => 10 + i);
    expect(percentile(thirty, 95)).toBe(38); // ⌈28.5⌉ = 29th smallest
    expect(percentile([5], 95)).toBe(5);
  });
});

function posts(values: number[], firstDay = "2026-10-01"): PostInteractions[] {
  return values.map((interactions, i) => ({
    id: i + 1,
    localDate: addDays(firstDay, i),
    url: `https://x.com/a/status/${i + 1}`,
    interactions,
  }));
}

describe("detectViralPosts", () => {
  // 30 earlier posts with 10..39 interactions: median 24.5, so 5 × median = 122.5 > p95 = 38.
  const baseline = Array.from({ length: 30 }, (_, i) => 10 + i);

  it("flags a post above max(5 × median, p95) of the 30 before it", () => {
    const list = posts([...baseline, 123]);
    const [alert] = detectViralPosts(3, list, "2026-10-31", "2026-10-31");
    expect(alert).toEqual({
      kind: "viral_post",
      handleId: 3,
      subject: "handle:3",
      periodKey: "2026-10-31",
      severity: "info",
      details: {
        date: "2026-10-31",
        postId: 31,
        url: "https://x.com/a/status/31",
        interactions: 123,
        usualMedian: 24.5,
        usualP95: 38,
        baselinePosts: 30,
      },
    });
    expect(detectViralPosts(3, posts([...baseline, 122]), "2026-10-31", "2026-10-31")).toEqual([]);
  });

  it("lets the 95th percentile raise the bar when the handle often has big posts", () => {
    const spiky = [...Array.from({ length: 28 }, () => 10), 1000, 1000];
    // median 10 (5× = 50), but p95 is the 29th smallest: 1,000.
    expect(detectViralPosts(3, posts([...spiky, 900]), "2026-10-31", "2026-10-31")).toEqual([]);
    expect(detectViralPosts(3, posts([...spiky, 1001]), "2026-10-31", "2026-10-31")).toHaveLength(1);
  });

  it("needs 20 interactions and 10 earlier posts, and looks only at the window", () => {
    const ones = Array.from({ length: 30 }, () => 1);
    expect(detectViralPosts(3, posts([...ones, 19]), "2026-10-31", "2026-10-31")).toEqual([]);
    expect(detectViralPosts(3, posts([...ones, 25]), "2026-10-31", "2026-10-31")).toHaveLength(1);
    expect(detectViralPosts(3, posts([...ones.slice(0, 9), 500]), "2026-10-10", "2026-10-10")).toEqual([]);
    expect(detectViralPosts(3, posts([...baseline, 500]), "2026-11-01", "2026-11-07")).toEqual([]);
  });

  it("raises one alert per day, for the day's best post", () => {
    const list: PostInteractions[] = [
      ...posts(baseline),
      { id: 40, localDate: "2026-10-31", url: null, interactions: 200 },
      { id: 41, localDate: "2026-10-31", url: "https://x.com/a/status/41", interactions: 300 },
    ];
    const alerts = detectViralPosts(3, list, "2026-10-31", "2026-10-31");
    expect(alerts.map((a) => [a.periodKey, a.details.postId])).toEqual([["2026-10-31", 41]]);
  });
});

describe("detectSilent", () => {
  it("flags a handle silent for N days as far as its data reaches, once per silence", () => {
    const alert = detectSilent(
      { handleId: 2, lastPostAt: "2026-11-01", followersAsOf: "2026-11-26" },
      "2026-11-26",
      14,
    );
    expect(alert).toEqual({
      kind: "silent",
      handleId: 2,
      subject: "handle:2",
      periodKey: "2026-11-01",
      severity: "warning",
      details: { lastPostAt: "2026-11-01", days: 25, silentDays: 14 },
    });
  });

  it("does not judge a handle whose data stopped, or that has no post on record", () => {
    expect(
      detectSilent({ handleId: 2, lastPostAt: "2026-11-01", followersAsOf: "2026-11-10" }, "2026-11-26", 14),
    ).toBeNull();
    expect(
      detectSilent({ handleId: 2, lastPostAt: null, followersAsOf: "2026-11-26" }, "2026-11-26", 14),
    ).toBeNull();
    expect(
      detectSilent({ handleId: 2, lastPostAt: "2026-11-13", followersAsOf: "2026-11-26" }, "2026-11-26", 14),
    ).toBeNull();
    expect(
      detectSilent({ handleId: 2, lastPostAt: "2026-11-12", followersAsOf: "2026-11-26" }, "2026-11-26", 14),
    ).not.toBeNull();
  });
});

describe("detectTokenExpired", () => {
  it("is serious, keyed by the day the problem began", () => {
    expect(
      detectTokenExpired({
        handleId: 5,
        collectionStatus: "token_expired",
        collectionError: "renew it",
        since: "2026-11-20",
      }),
    ).toEqual({
      kind: "token_expired",
      handleId: 5,
      subject: "handle:5",
      periodKey: "2026-11-20",
      severity: "serious",
      details: { since: "2026-11-20", error: "renew it" },
    });
    expect(
      detectTokenExpired({ handleId: 5, collectionStatus: "quota", collectionError: null, since: null }),
    ).toBeNull();
  });
});

describe("detectVerificationLost", () => {
  it("finds badges lost since the last check or recorded lost, keyed by the recorded day", () => {
    const result = detectVerificationLost({
      handles: [
        { id: 1, verified: true },
        { id: 2, verified: false },
        { id: 3, verified: false },
        { id: 4, verified: false },
        { id: 5, verified: false },
      ],
      snapshot: [1, 2, 3],
      recordedLosses: [
        { handleId: 3, date: "2026-11-25" },
        { handleId: 4, date: "2026-11-20" },
        { handleId: 4, date: "2026-11-24" },
      ],
      today: "2026-11-27",
    });
    expect(result.alerts.map((a) => [a.handleId, a.periodKey, a.severity])).toEqual([
      [2, "2026-11-27", "serious"],
      [3, "2026-11-25", "serious"],
      [4, "2026-11-24", "serious"],
    ]);
    expect(result.snapshot).toEqual([1]);
  });

  it("only records the badges on the first check", () => {
    const result = detectVerificationLost({
      handles: [
        { id: 1, verified: true },
        { id: 2, verified: false },
      ],
      snapshot: null,
      recordedLosses: [],
      today: "2026-11-27",
    });
    expect(result).toEqual({ alerts: [], snapshot: [1] });
  });
});
