/**
 * A digest as a message people read on a Monday morning: the headline first, then the figures
 * against the week before, the top posts, what needs attention and how to fix it, and a
 * 12-week follower chart by platform. Every figure follows METRICS.md; unknown is "n/a".
 */
import { DateTime } from "luxon";
import type { LineChartInput } from "../charts/index.ts";
import { chartAltText, renderLineChart, sparkline } from "../charts/index.ts";
import { type Reply, type ReplyElement, reply } from "../core/reply.ts";
import { DEMO_NOTICE } from "../domain/demo-notice.ts";
import type { Digest, FullDigest, NoDataDigest, RankChange } from "../domain/digest.ts";
import { formatCount, formatDecimal, formatPct, formatSigned } from "../domain/format.ts";
import type { HandleMetrics, MissionTotals } from "../domain/metrics.ts";
import type { Period } from "../domain/period.ts";
import { handleName, platformName } from "../domain/platform-names.ts";

/** How a digest message is dressed. */
export interface DigestReplyOptions {
  /** Label the figures as demo data. */
  demo?: boolean;
  /** The digest was caught up after the bot was down: say so. */
  late?: boolean;
  /** Draw the follower chart (default true; tests and text previews may skip it). */
  chart?: boolean;
  /** Posted in a channel (default) or shown only to the caller (a preview). */
  ephemeral?: boolean;
}

/** Turns a digest into a message. */
export async function digestReply(digest: Digest, options: DigestReplyOptions = {}): Promise<Reply> {
  if (digest.kind === "no_data") return noDataReply(digest, options);
  const elements: ReplyElement[] = [
    { type: "header", text: `Weekly digest — ${digest.mission.name}` },
    {
      type: "context",
      text: weekContext(digest.week, digest.previousWeek, digest.mission.timezone, options.late),
    },
    ...(options.demo ? [{ type: "context" as const, text: DEMO_NOTICE }] : []),
    { type: "text", text: digest.headline },
    { type: "fields", fields: totalsFields(digest) },
  ];
  if (digest.handles.length > 0) {
    elements.push({
      type: "table",
      columns: ["Account", "Followers", "Growth", "Posts", "Interactions", "Eng. rate"],
      align: ["left", "right", "right", "right", "right", "right"],
      rows: digest.handles.map(({ handle, current, previous }) => [
        handleName(handle.platform, handle.handle),
        formatCount(current.followers),
        growthText(current),
        `${formatCount(current.posts)} (${formatCount(previous.posts)})`,
        `${formatCount(current.interactions)} (${formatCount(previous.interactions)})`,
        `${formatPct(current.engagementRate)} (${formatPct(previous.engagementRate)})`,
      ]),
    });
    elements.push({
      type: "context",
      text: "Posts, interactions and engagement rate: this week (the week before).",
    });
  }
  if (digest.topPosts.length > 0) {
    const lines = digest.topPosts.map(
      (p, i) =>
        `${i + 1}. ${handleName(p.platform, p.handle)}, ${dayWords(p.localDate)}: ${formatCount(p.interactions)} interactions${p.url ? ` — ${p.url}` : " (no link recorded)"}`,
    );
    elements.push({ type: "text", text: `Top posts of the week\n${lines.join("\n")}` });
  }
  if (digest.content.length > 0)
    elements.push({ type: "text", text: `Content from the SCD\n${digest.content.join("\n")}` });
  const attention = attentionLines(digest);
  if (attention.length > 0)
    elements.push({ type: "text", text: `Needs attention\n${attention.join("\n")}`, tone: "warning" });
  if (options.chart !== false) {
    const chart = await followerChart(digest);
    if (chart) elements.push(chart);
  }
  elements.push({ type: "buttons", buttons: digestButtons(digest) });
  return reply(elements, {
    ephemeral: options.ephemeral ?? false,
    fallback: `${digest.mission.name}: ${digest.headline}`,
  });
}

function noDataReply(digest: NoDataDigest, options: DigestReplyOptions): Reply {
  const elements: ReplyElement[] = [
    { type: "header", text: `Weekly digest — ${digest.mission.name}: no data received` },
    {
      type: "context",
      text: weekContext(digest.week, digest.previousWeek, digest.mission.timezone, options.late),
    },
    ...(options.demo ? [{ type: "context" as const, text: DEMO_NOTICE }] : []),
    { type: "text", text: digest.headline, tone: "warning" },
  ];
  if (digest.problems.length > 0) elements.push({ type: "text", text: digest.problems.join("\n") });
  elements.push({ type: "text", text: `How to fix it\n${digest.fixes.map((f) => `• ${f}`).join("\n")}` });
  if (digest.content.length > 0)
    elements.push({ type: "text", text: `Content from the SCD\n${digest.content.join("\n")}` });
  return reply(elements, { ephemeral: options.ephemeral ?? false, fallback: digest.headline });
}

/** "Week 2026-W47: Mon 16 Nov to Sun 22 Nov 2026, against 9–15 Nov · America/New_York". */
function weekContext(week: Period, previous: Period, zone: string, late?: boolean): string {
  const lateNote = late ? " · Sent late: the bot was offline when this digest was due." : "";
  return `Week ${week.label}: ${dayWords(week.start)} to ${dayWords(week.end)} ${week.end.slice(0, 4)}, against ${dayWords(previous.start)} to ${dayWords(previous.end)} · days in ${zone}${lateNote}`;
}

/** "Mon 16 Nov". */
function dayWords(date: string): string {
  return DateTime.fromISO(date, { zone: "utc" }).setLocale("en-GB").toFormat("ccc d LLL");
}

function growthText(m: Pick<HandleMetrics, "followerGrowth" | "followerGrowthPct">): string {
  if (m.followerGrowth === null) return "n/a";
  return `${formatSigned(m.followerGrowth)} (${formatPct(m.followerGrowthPct, true)})`;
}

function totalsFields(d: FullDigest) {
  const { current: c, previous: p } = d.totals;
  return [
    { label: "Followers", value: `${formatCount(c.followers)} (week before: ${formatCount(p.followers)})` },
    { label: "Follower growth", value: `${growthText(c)} (week before: ${growthText(p)})` },
    { label: "Posts", value: `${formatCount(c.posts)} (week before: ${formatCount(p.posts)})` },
    { label: "Interactions", value: `${interactionsText(c)} (week before: ${interactionsText(p)})` },
    {
      label: "Engagement rate",
      value: `${formatPct(c.engagementRate)} (week before: ${formatPct(p.engagementRate)})`,
    },
    { label: `Rank among ${d.rankOf} missions`, value: d.ranks.map(rankText).join(" · ") },
  ];
}

function interactionsText(t: MissionTotals): string {
  if (t.interactions === null) return "n/a";
  return `${formatCount(t.interactions)}, ${formatDecimal(t.interactionsPerPost)} per post`;
}

const RANK_WORDS: Record<RankChange["metric"], string> = {
  followers: "followers",
  followerGrowthPct: "growth",
  engagementRate: "engagement",
  posts: "posts",
};

/** "followers #12 (up 2)", "growth #3 (down 1)", "engagement #40 (same)", "posts n/a". */
function rankText(r: RankChange): string {
  const name = RANK_WORDS[r.metric];
  if (r.current === null) return `${name} n/a`;
  let move = "";
  if (r.change !== null)
    move = r.change > 0 ? ` (up ${r.change})` : r.change < 0 ? ` (down ${-r.change})` : " (same)";
  else if (r.previous === null) move = " (new)";
  return `${name} #${r.current}${move}`;
}

function attentionLines(d: FullDigest): string[] {
  const lines: string[] = [];
  for (const h of d.verificationLost) {
    lines.push(
      `• ${handleName(h.platform, h.handle)} lost its verification badge (recorded ${dayWords(h.date)}). Ask the platform to restore it; once it is back, record it with /handle verify ${d.mission.code} ${h.platform} ${h.handle} yes.`,
    );
  }
  for (const h of d.stale) {
    const since = h.since
      ? `no follower figures after ${dayWords(h.since)}.`
      : "no follower figures received yet.";
    lines.push(`• ${handleName(h.platform, h.handle)}: ${since} ${h.fix}`);
  }
  for (const h of d.inactive) {
    lines.push(
      h.lastPostAt === null
        ? `• ${handleName(h.platform, h.handle)} has no posts on record.`
        : `• ${handleName(h.platform, h.handle)} has not posted for ${h.daysSinceLastPost} days (last post ${dayWords(h.lastPostAt)}).`,
    );
  }
  return lines;
}

async function followerChart(d: FullDigest): Promise<ReplyElement | null> {
  if (d.chart.length === 0) return null;
  const input: LineChartInput = {
    title: `Followers by platform — ${d.chart[0]?.points.length ?? 0} weeks to ${d.week.end}`,
    yTitle: "Followers",
    series: d.chart.map((s) => ({ name: platformName(s.platform), points: s.points })),
  };
  const png = await renderLineChart(input);
  const total = (d.chart[0]?.points ?? []).map((_, i) => {
    let sum = 0;
    for (const s of d.chart) {
      const v = s.points[i]?.value;
      if (v === null || v === undefined) return null;
      sum += v;
    }
    return sum;
  });
  return {
    type: "chart",
    png,
    title: input.title,
    altText: chartAltText(input),
    sparkline: sparkline(total),
  };
}

function digestButtons(d: FullDigest) {
  // An ISO week names Monday to Sunday in /mission-stats; a Sunday-to-Saturday week needs its dates.
  const isoWeek = DateTime.fromISO(d.week.start, { zone: "utc" }).weekday === 1;
  const period = isoWeek ? d.week.label : `${d.week.start}..${d.week.end}`;
  return [
    {
      id: "digest:stats",
      label: "All figures for the week",
      command: `/mission-stats ${d.mission.code} ${period}`,
    },
    {
      id: "digest:previous",
      label: "The week before",
      command: `/digest preview ${d.mission.code} ${d.previousWeek.label}`,
    },
  ];
}
