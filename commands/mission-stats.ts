import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { type ReplyElement, reply } from "../src/core/reply.ts";
import { loadMissionStats, type MissionStats } from "../src/db/repos/mission-stats-repo.ts";
import { countMissions, resolveMission } from "../src/db/repos/missions-repo.ts";
import { formatCount, formatDecimal, formatPct, formatSigned } from "../src/domain/format.ts";
import { parsePeriod } from "../src/domain/period.ts";
import { handleName, platformName } from "../src/domain/platform-names.ts";
import { asOfIn } from "./support/as-of.ts";
import { demoLabel } from "./support/demo-label.ts";
import { noMissionsReply } from "./support/no-missions.ts";
import { followerTrendChart } from "./support/stats-chart.ts";

/** `/mission-stats <mission> [period]`: one mission's figures, rank, top posts and chart. */
export default defineCommand({
  name: "mission-stats",
  aliases: ["stats"],
  summary: "A mission's followers, growth, posting, interactions and rank, with a chart.",
  examples: ["mission-stats washington", 'mission-stats "São Paulo" 7d', "mission-stats riyadh 2026-W47"],
  args: z.object({
    mission: z.string().min(1).describe("Mission code, city, country or name"),
    period: z
      .string()
      .optional()
      .describe("7d, 30d, 90d, 365d, an ISO week like 2026-W47, or 2026-10-01..2026-10-31"),
  }),
  positional: ["mission", "period"],
  minRole: "viewer",
  async execute(args, ctx) {
    const { db } = ctx.deps;
    if (countMissions(db) === 0) return noMissionsReply();
    const mission = resolveMission(db, args.mission);
    const period = parsePeriod(args.period, asOfIn(ctx, mission.timezone));
    const stats = loadMissionStats(db, mission, period);
    const chart = await followerTrendChart(
      db,
      stats.handles.map((h) => h.handle),
      period,
      `Followers — ${mission.name}`,
    );
    return { reply: buildReply(stats, chart, db), data: toData(stats) };
  },
});

function buildReply(stats: MissionStats, chart: ReplyElement | null, db: Parameters<typeof demoLabel>[0]) {
  const { mission, period, totals, rank } = stats;
  const elements: ReplyElement[] = [
    { type: "header", text: `${mission.name} — ${periodWords(period.label)}` },
    {
      type: "context",
      text: `${period.start} to ${period.end} (${mission.timezone}) · code ${mission.code}`,
    },
    ...demoLabel(db),
  ];
  if (stats.handles.length === 0) {
    elements.push({
      type: "text",
      text: `${mission.name} has no active handles yet. Add one with /handle add ${mission.code} <platform> <handle>.`,
      tone: "warning",
    });
    return reply(elements, { fallback: `${mission.name}: no active handles` });
  }
  elements.push({
    type: "fields",
    fields: [
      { label: "Followers", value: formatCount(totals.followers) },
      {
        label: "Growth",
        value:
          totals.followerGrowth === null
            ? "n/a"
            : `${formatSigned(totals.followerGrowth)} (${formatPct(totals.followerGrowthPct, true)})`,
      },
      {
        label: "Posts",
        value: `${formatCount(totals.posts)} (${formatDecimal(totals.postsPerWeek)} a week)`,
      },
      {
        label: "Interactions",
        value: `${formatCount(totals.interactions)} (${formatDecimal(totals.interactionsPerPost)} per post)`,
      },
      { label: "Engagement rate", value: formatPct(totals.engagementRate) },
      {
        label: `Rank among ${rank.of} missions`,
        value: [
          `followers ${rankText(rank.followers)}`,
          `growth ${rankText(rank.followerGrowthPct)}`,
          `engagement ${rankText(rank.engagementRate)}`,
          `posts ${rankText(rank.posts)}`,
        ].join(" · "),
      },
    ],
  });
  // Two narrow tables read better than one wide one in every client (and fit a phone screen).
  elements.push({
    type: "table",
    columns: ["Audience", "Verified", "Followers", "Growth", "Growth %", "Data as of"],
    align: ["left", "left", "right", "right", "right", "left"],
    rows: stats.handles.map(({ handle, metrics: m }) => [
      handleName(handle.platform, handle.handle),
      handle.verified ? "yes" : "no",
      formatCount(m.followers),
      formatSigned(m.followerGrowth),
      formatPct(m.followerGrowthPct, true),
      m.followersAsOf ? `${m.followersAsOf}${m.stale ? " (stale)" : ""}` : "no data",
    ]),
  });
  elements.push({
    type: "table",
    columns: ["Activity", "Posts", "Per week", "Interactions", "Per post", "Eng. rate", "Last post"],
    align: ["left", "right", "right", "right", "right", "right", "left"],
    rows: stats.handles.map(({ handle, metrics: m }) => [
      platformName(handle.platform),
      formatCount(m.posts),
      formatDecimal(m.postsPerWeek),
      formatCount(m.interactions),
      formatDecimal(m.interactionsPerPost),
      formatPct(m.engagementRate),
      m.lastPostAt ?? "none",
    ]),
  });
  const staleLines = stats.handles
    .filter((h) => h.metrics.stale)
    .map(({ handle, metrics }) =>
      metrics.followersAsOf
        ? `${handleName(handle.platform, handle.handle)}: no follower data since ${metrics.followersAsOf}. Import a fresh export (dmd import) or check its API token (/handles ${stats.mission.code}).`
        : `${handleName(handle.platform, handle.handle)}: no follower data at all yet. Import an export or connect its API.`,
    );
  if (staleLines.length > 0) elements.push({ type: "text", text: staleLines.join("\n"), tone: "warning" });
  if (stats.topPosts.length > 0) {
    elements.push({
      type: "table",
      columns: ["Top posts", "Date", "Interactions", "Link"],
      align: ["left", "left", "right", "left"],
      rows: stats.topPosts.map((p) => [
        handleName(p.platform, p.handle),
        p.localDate,
        formatCount(p.interactions),
        p.url ?? "n/a",
      ]),
    });
  }
  if (chart) elements.push(chart);
  elements.push({
    type: "buttons",
    buttons: ["7d", "30d", "90d"].map((p) => ({
      id: `period:${p}`,
      label: periodWords(p),
      command: `/mission-stats ${stats.mission.code} ${p}`,
      ...(p === period.label ? { style: "primary" as const } : {}),
    })),
  });
  const fallback = `${mission.name}, ${periodWords(period.label)}: ${formatCount(totals.followers)} followers, ${formatCount(totals.posts)} posts, engagement ${formatPct(totals.engagementRate)}`;
  return reply(elements, { fallback });
}

function rankText(rank: number | null): string {
  return rank === null ? "n/a" : `#${rank}`;
}

function periodWords(label: string): string {
  const days = /^(\d+)d$/.exec(label);
  if (days) return `last ${days[1]} days`;
  return label;
}

function toData(stats: MissionStats) {
  return {
    mission: { code: stats.mission.code, name: stats.mission.name, timezone: stats.mission.timezone },
    period: { start: stats.period.start, end: stats.period.end, days: stats.period.days },
    totals: stats.totals,
    handles: stats.handles.map(({ handle, metrics }) => ({
      platform: handle.platform,
      handle: handle.handle,
      verified: handle.verified,
      ...metrics,
    })),
    rank: stats.rank,
    topPosts: stats.topPosts.map((p) => ({
      platform: p.platform,
      handle: p.handle,
      url: p.url,
      publishedAt: p.publishedAt,
      localDate: p.localDate,
      interactions: p.interactions,
    })),
  };
}
