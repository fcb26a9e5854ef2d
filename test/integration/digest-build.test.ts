import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { getMissionByCode, type MissionRow } from "../../src/db/repos/missions-repo.ts";
import { buildDigests } from "../../src/digest/build-digests.ts";
import { digestReply } from "../../src/digest/reply.ts";
import type { Digest, FullDigest } from "../../src/domain/digest.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

/**
 * The fixture network, plus readings and posts that give week 2026-W47 (16–22 Nov) and the week
 * before figures on every handle: growth needs a reading before each week.
 */
function setup() {
  const db = tempDb();
  seedFixtureNetwork(db);
  const sql = db.$client;
  const daily = sql.prepare(
    "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (?, ?, ?, 'test', '2026-11-27T00:00:00Z')",
  );
  daily.run(1, "2026-11-08", 960);
  daily.run(1, "2026-11-15", 990);
  daily.run(2, "2026-11-08", 470);
  daily.run(2, "2026-11-15", 480);
  daily.run(3, "2026-11-15", 280);
  daily.run(4, "2026-11-07", 1950);
  daily.run(4, "2026-11-14", 1990);
  daily.run(5, "2026-11-14", 700);
  daily.run(5, "2026-11-21", 720);
  const post = sql.prepare(
    `INSERT INTO posts (handle_id, external_id, published_at, local_date, url, likes, comments, shares, source, collected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'test', '2026-11-27T00:00:00Z')`,
  );
  post.run(1, "w0", "2026-11-12T15:00:00Z", "2026-11-12", "https://x.com/ArcadiaInUSA/status/0", 40, 4, 6);
  post.run(2, "f0", "2026-11-18T15:00:00Z", "2026-11-18", "https://facebook.com/p/0", 7, 1, 1);
  post.run(2, "f00", "2026-11-19T15:00:00Z", "2026-11-19", "https://facebook.com/p/00", 15, 0, 0);
  post.run(4, "r0", "2026-11-15T09:00:00Z", "2026-11-15", "https://x.com/ArcadiaInKSA/status/0", 60, 5, 5);
  post.run(4, "r1", "2026-11-21T09:00:00Z", "2026-11-21", "https://x.com/ArcadiaInKSA/status/1", 3, 0, 0);
  return { db, app: testDispatcher(db) };
}

function mission(db: Db, code: string): MissionRow {
  const m = getMissionByCode(db, code);
  if (!m) throw new Error(`no mission ${code}`);
  return m;
}

function full(d: Digest | undefined): FullDigest {
  if (d?.kind !== "full") throw new Error(`expected a full digest, got ${d?.kind}`);
  return d;
}

interface StatsData {
  totals: Record<string, unknown>;
  handles: Record<string, unknown>[];
  rank: Record<string, unknown>;
  topPosts: { platform: string; url: string | null; localDate: string; interactions: number }[];
}

/** The digest's figures for its week, shaped like `/mission-stats --json` data. */
function asStats(d: FullDigest, which: "current" | "previous") {
  return {
    totals: d.totals[which],
    handles: d.handles.map((h) => ({
      platform: h.handle.platform,
      handle: h.handle.handle,
      verified: h.handle.verified,
      ...h[which],
    })),
  };
}

describe("buildDigests against /mission-stats for the same week", () => {
  it("gives Washington (Monday to Sunday) exactly the figures, ranks and top posts of /mission-stats washington 2026-W47", async () => {
    const { db, app } = setup();
    const [digest, karachi] = buildDigests(
      db,
      [mission(db, "washington"), mission(db, "karachi")],
      "2026-W47",
    );
    const d = full(digest);
    expect(d.week).toEqual({ start: "2026-11-16", end: "2026-11-22", days: 7, label: "2026-W47" });
    const stats = await app.data<StatsData>("/mission-stats washington 2026-W47", undefined, "2026-11-26");
    expect(asStats(d, "current")).toEqual({ totals: stats.totals, handles: stats.handles });
    expect({ ...Object.fromEntries(d.ranks.map((r) => [r.metric, r.current])), of: d.rankOf }).toEqual(
      stats.rank,
    );
    expect(
      d.topPosts.map((p) => ({
        platform: p.platform,
        url: p.url,
        localDate: p.localDate,
        interactions: p.interactions,
      })),
    ).toEqual(
      stats.topPosts.map((p) => ({
        platform: p.platform,
        url: p.url,
        localDate: p.localDate,
        interactions: p.interactions,
      })),
    );
    const before = await app.data<StatsData>("/mission-stats washington 2026-W46", undefined, "2026-11-26");
    expect(asStats(d, "previous")).toEqual({ totals: before.totals, handles: before.handles });
    expect(d.ranks.map((r) => r.previous)).toEqual([
      before.rank.followers,
      before.rank.followerGrowthPct,
      before.rank.engagementRate,
      before.rank.posts,
    ]);

    // Hand-checked: x 990 -> 1,000 (19 Nov), facebook 480 -> 500 (22 Nov): +30 over 1,470.
    expect(d.totals.current.followers).toBe(1500);
    expect(d.totals.current.followerGrowth).toBe(30);
    expect(d.headline).toBe(
      "Washington gained 30 followers (+2.0%) last week; engagement 0.9%, down from 3.4%.",
    );
    const k = full(karachi);
    const kStats = await app.data<StatsData>("/mission-stats karachi 2026-W47", undefined, "2026-11-26");
    expect(asStats(k, "current")).toEqual({ totals: kStats.totals, handles: kStats.handles });
  });

  it("gives Riyadh (working week from Sunday) the figures of /mission-stats for Sunday 15 to Saturday 21 November", async () => {
    const { db, app } = setup();
    const d = full(buildDigests(db, [mission(db, "riyadh")], "2026-W47")[0]);
    expect(d.week).toEqual({ start: "2026-11-15", end: "2026-11-21", days: 7, label: "2026-W47" });
    const stats = await app.data<StatsData>(
      "/mission-stats riyadh 2026-11-15..2026-11-21",
      undefined,
      "2026-11-26",
    );
    expect(asStats(d, "current")).toEqual({ totals: stats.totals, handles: stats.handles });
    expect({ ...Object.fromEntries(d.ranks.map((r) => [r.metric, r.current])), of: d.rankOf }).toEqual(
      stats.rank,
    );
    expect(d.topPosts.map((p) => p.url)).toEqual(stats.topPosts.map((p) => p.url));
    expect(d.previousWeek).toEqual({ start: "2026-11-08", end: "2026-11-14", days: 7, label: "2026-W46" });
  });

  it("builds the same digests one by one as in one batch", () => {
    const { db } = setup();
    const codes = ["washington", "karachi", "riyadh", "sao-paulo"];
    const batch = buildDigests(
      db,
      codes.map((c) => mission(db, c)),
      "2026-W47",
    );
    const single = codes.flatMap((c) => buildDigests(db, [mission(db, c)], "2026-W47"));
    expect(batch).toEqual(single);
  });

  it("charts 12 weeks of followers by platform, ending with the digest week", () => {
    const { db } = setup();
    const d = full(buildDigests(db, [mission(db, "washington")], "2026-W47")[0]);
    expect(d.chart.map((s) => s.platform)).toEqual(["x", "facebook"]);
    const x = d.chart[0]?.points ?? [];
    expect(x).toHaveLength(12);
    expect(x.at(-1)).toEqual({ date: "2026-11-22", value: 1000 });
    expect(x.at(-2)).toEqual({ date: "2026-11-15", value: 990 });
    expect(x.at(-3)).toEqual({ date: "2026-11-08", value: 960 });
    expect(x.at(0)).toEqual({ date: "2026-09-06", value: null });
  });
});

describe("digests with something wrong", () => {
  it("gives a mission with no data for the week the short message with the fix", async () => {
    const { db } = setup();
    const [noHandles, old] = buildDigests(db, [mission(db, "sao-paulo"), mission(db, "karachi")], "2026-W40");
    expect(noHandles?.kind).toBe("no_data");
    expect(noHandles?.headline).toBe(
      "No data received for São Paulo last week: the mission has no active handles.",
    );
    expect(old?.kind).toBe("no_data");
    if (old?.kind !== "no_data") return;
    expect(old.problems).toEqual(["X @ArcadiaInKarachi: no follower figures up to 2026-10-04."]);
    const message = await digestReply(old, { chart: false });
    expect(message.elements[0]).toEqual({
      type: "header",
      text: "Weekly digest — Consulate General of Arcadia in Karachi: no data received",
    });
    expect(message.elements.some((e) => e.type === "table" || e.type === "fields")).toBe(false);
    const fix = message.elements.find((e) => e.type === "text" && e.text.startsWith("How to fix it"));
    expect(fix && fix.type === "text" && fix.text).toContain('"x:ArcadiaInKarachi"');
  });

  it("lists a badge lost during the week (from /handle verify … no) and stale data with since when", async () => {
    const { db } = setup();
    const officer = testDispatcher(db, { now: "2026-11-18T15:00:00Z" });
    const outcome = await officer.run("/handle verify washington x ArcadiaInUSA no");
    expect(outcome.status).toBe("ok");
    db.$client
      .prepare("UPDATE handles SET collection_status = 'token_expired', collection_error = ? WHERE id = 2")
      .run(
        "Facebook rejected the page token since 2026-11-10: store a new one with dmd credentials set facebook:ArcadiaEmbassyUSA.",
      );
    db.$client.prepare("DELETE FROM daily_metrics WHERE handle_id = 2 AND date >= '2026-11-20'").run();
    const d = full(buildDigests(db, [mission(db, "washington")], "2026-W47")[0]);
    expect(d.verificationLost).toEqual([
      { handleId: 1, platform: "x", handle: "ArcadiaInUSA", date: "2026-11-18" },
    ]);
    // X's latest figure (19 Nov) is more than two days before the week's end: stale too (METRICS.md).
    expect(d.stale.map((s) => [s.handle, s.since, s.collectionStatus])).toEqual([
      ["ArcadiaInUSA", "2026-11-19", null],
      ["ArcadiaEmbassyUSA", "2026-11-15", "token_expired"],
    ]);
    const message = await digestReply(d, { chart: false });
    const attention = message.elements.find((e) => e.type === "text" && e.text.startsWith("Needs attention"));
    expect(attention?.type === "text" && attention.text).toBe(
      [
        "Needs attention",
        "• X @ArcadiaInUSA lost its verification badge (recorded Wed 18 Nov). Ask the platform to restore it; once it is back, record it with /handle verify washington x ArcadiaInUSA yes.",
        '• X @ArcadiaInUSA: no follower figures after Thu 19 Nov. Import a fresh export: send the bot this account\'s latest export file in a direct message, with "x:ArcadiaInUSA" in the message (or run dmd import <file> --handle x:ArcadiaInUSA).',
        '• Facebook @ArcadiaEmbassyUSA: no follower figures after Sun 15 Nov. Facebook rejected the page token since 2026-11-10: store a new one with dmd credentials set facebook:ArcadiaEmbassyUSA. Until then, import a fresh export: send the bot this account\'s latest export file in a direct message, with "facebook:ArcadiaEmbassyUSA" in the message (or run dmd import <file> --handle facebook:ArcadiaEmbassyUSA).',
      ].join("\n"),
    );
  });
});

describe("the digest message", () => {
  it("starts with the headline, shows every figure with n/a for the unknown, and has the chart", async () => {
    const { db } = setup();
    const d = full(buildDigests(db, [mission(db, "washington")], "2026-W47")[0]);
    const message = await digestReply(d, { late: true });
    expect(message.ephemeral).toBe(false);
    expect(message.fallback).toBe(`Embassy of Arcadia in Washington: ${d.headline}`);
    const [header, context, headline, fields, table] = message.elements;
    expect(header).toEqual({ type: "header", text: "Weekly digest — Embassy of Arcadia in Washington" });
    expect(context?.type === "context" && context.text).toBe(
      "Week 2026-W47: Mon 16 Nov to Sun 22 Nov 2026, against Mon 9 Nov to Sun 15 Nov · days in America/New_York · Sent late: the bot was offline when this digest was due.",
    );
    expect(headline).toEqual({ type: "text", text: d.headline });
    expect(fields?.type === "fields" && fields.fields.map((f) => `${f.label}: ${f.value}`)).toEqual([
      "Followers: 1,500 (week before: 1,470)",
      "Follower growth: +30 (+2.0%) (week before: +40 (+2.8%))",
      "Posts: 3 (week before: 1)",
      "Interactions: 39, 13.0 per post (week before: 50, 50.0 per post)",
      "Engagement rate: 0.9% (week before: 3.4%)",
      "Rank among 4 missions: followers #2 (same) · growth #2 (down 1) · engagement #1 (same) · posts #1 (same)",
    ]);
    expect(table?.type === "table" && table.rows).toEqual([
      ["X @ArcadiaInUSA", "1,000", "+10 (+1.0%)", "1 (1)", "15 (50)", "1.5% (5.1%)"],
      ["Facebook @ArcadiaEmbassyUSA", "500", "+20 (+4.2%)", "2 (0)", "24 (n/a)", "2.4% (n/a)"],
    ]);
    const chart = message.elements.find((e) => e.type === "chart");
    expect(chart?.type === "chart" && chart.png.byteLength).toBeGreaterThan(1000);
    expect(message.elements.at(-1)).toEqual({
      type: "buttons",
      buttons: [
        {
          id: "digest:stats",
          label: "All figures for the week",
          command: "/mission-stats washington 2026-W47",
        },
        { id: "digest:previous", label: "The week before", command: "/digest preview washington 2026-W46" },
      ],
    });
  });
});
