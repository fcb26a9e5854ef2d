import { DateTime } from "luxon";
import { type Reply, type ReplyElement, reply } from "../core/reply.ts";
import { DEMO_NOTICE } from "../domain/demo-notice.ts";
import { formatCount, formatPct, formatSigned } from "../domain/format.ts";
import type { MissionTotals } from "../domain/metrics.ts";
import { handleName } from "../domain/platform-names.ts";
import type { AttentionRow, Mover, Rollup } from "../domain/rollup.ts";

/** How a roll-up message is dressed. */
export interface RollupReplyOptions {
  demo?: boolean;
  late?: boolean;
  /** Posted in a channel (default) or shown only to the caller (a preview). */
  ephemeral?: boolean;
}

/** Attention rows shown before "… and N more". */
const ATTENTION_ROWS = 15;

/** The SCD roll-up as a message: headline, fleet totals, movers, attention list, leaderboard. */
export function rollupReply(r: Rollup, options: RollupReplyOptions = {}): Reply {
  const c = r.fleet.current;
  const p = r.fleet.previous;
  const elements: ReplyElement[] = [
    { type: "header", text: `Network roll-up — week ${r.week.label}` },
    {
      type: "context",
      text: `${day(r.week.start)} to ${day(r.week.end)} ${r.week.end.slice(0, 4)} (Monday to Sunday), against ${day(r.previousWeek.start)} to ${day(r.previousWeek.end)} · ${r.fleet.reporting} of ${r.fleet.missions} missions sent figures${options.late ? " · Sent late: the bot was offline when this roll-up was due." : ""}`,
    },
    ...(options.demo ? [{ type: "context" as const, text: DEMO_NOTICE }] : []),
    { type: "text", text: r.headline },
    {
      type: "fields",
      fields: [
        {
          label: "Followers",
          value: `${formatCount(c.followers)} (week before: ${formatCount(p.followers)})`,
        },
        { label: "Follower growth", value: `${growth(c)} (week before: ${growth(p)})` },
        { label: "Posts", value: `${formatCount(c.posts)} (week before: ${formatCount(p.posts)})` },
        {
          label: "Interactions",
          value: `${formatCount(c.interactions)} (week before: ${formatCount(p.interactions)})`,
        },
        {
          label: "Engagement rate",
          value: `${formatPct(c.engagementRate)} (week before: ${formatPct(p.engagementRate)})`,
        },
      ],
    },
  ];
  const { growthUp, growthDown, engagementUp, engagementDown } = r.movers;
  const moverRows = [
    ...growthUp.map((m) => [
      "Growth ▲",
      m.mission.name,
      `${formatPct(m.value, true)} (${formatSigned(m.change)})`,
    ]),
    ...growthDown.map((m) => [
      "Growth ▼",
      m.mission.name,
      `${formatPct(m.value, true)} (${formatSigned(m.change)})`,
    ]),
    ...engagementUp.map((m) => ["Engagement ▲", m.mission.name, engagementMove(m)]),
    ...engagementDown.map((m) => ["Engagement ▼", m.mission.name, engagementMove(m)]),
  ];
  if (moverRows.length > 0) {
    elements.push({
      type: "table",
      columns: ["Biggest movers", "Mission", "Change"],
      align: ["left", "left", "right"],
      rows: moverRows,
    });
    elements.push({
      type: "context",
      text: `Growth movers: missions with at least ${formatCount(r.rules.minFollowers)} followers. Engagement movers: relative change of the engagement rate, missions with at least ${r.rules.minPosts} posts in both weeks.`,
    });
  } else {
    elements.push({
      type: "text",
      text: "No mover to report: no mission's figures changed enough to compare.",
      tone: "muted",
    });
  }
  const board = r.leaderboard;
  if (board.top.length > 0) {
    const rows = board.top.map((row) => [`#${row.rank}`, row.mission.name, formatPct(row.value)]);
    const shown = new Set(board.top.map((row) => row.mission.id));
    const bottom = board.bottom.filter((row) => !shown.has(row.mission.id));
    if (bottom.length > 0)
      rows.push(
        ["…", "", ""],
        ...bottom.map((row) => [`#${row.rank}`, row.mission.name, formatPct(row.value)]),
      );
    elements.push({
      type: "table",
      columns: ["Rank", "Engagement rate leaderboard", "Rate"],
      align: ["right", "left", "right"],
      rows,
    });
    if (board.unranked > 0) {
      elements.push({
        type: "context",
        text: `${board.unranked} ${board.unranked === 1 ? "mission has" : "missions have"} no engagement rate this week (no posts with interaction counts, or no follower figures) and ${board.unranked === 1 ? "is" : "are"} not ranked.`,
      });
    }
  }
  if (r.attention.length > 0) {
    const lines = r.attention.slice(0, ATTENTION_ROWS).map((row) => attentionLine(row, r.rules.silentDays));
    const more = r.attention.length - ATTENTION_ROWS;
    elements.push({
      type: "text",
      tone: "warning",
      text: `Missions to follow up (${r.attention.length})\n${lines.join("\n")}${more > 0 ? `\n… and ${more} more: see /leaderboard or each mission's /mission-stats.` : ""}`,
    });
  }
  elements.push({
    type: "buttons",
    buttons: [
      {
        id: "rollup:leaderboard",
        label: "Full leaderboard",
        command: `/leaderboard engagement ${r.week.label}`,
      },
      { id: "rollup:log", label: "Digest delivery log", command: `/digest log ${r.week.label}` },
    ],
  });
  return reply(elements, { ephemeral: options.ephemeral ?? false, fallback: r.headline });
}

function day(date: string): string {
  return DateTime.fromISO(date, { zone: "utc" }).setLocale("en-GB").toFormat("ccc d LLL");
}

function growth(t: MissionTotals): string {
  if (t.followerGrowth === null) return "n/a";
  return `${formatSigned(t.followerGrowth)} (${formatPct(t.followerGrowthPct, true)})`;
}

function engagementMove(m: Mover): string {
  return `${formatPct(m.value)} from ${formatPct(m.previous)} (${formatPct(m.change, true)})`;
}

function attentionLine(row: AttentionRow, silentDays: number): string {
  if (row.noHandles) return `• ${row.mission.name}: no active accounts registered.`;
  const parts: string[] = [];
  if (row.stale.length > 0) {
    parts.push(
      `stale data on ${row.stale
        .map(
          (s) => `${handleName(s.platform, s.handle)} (${s.since ? `since ${s.since}` : "never received"})`,
        )
        .join(", ")}`,
    );
  }
  if (row.silent.length > 0) {
    parts.push(
      `silent ${silentDays}+ days: ${row.silent
        .map(
          (s) =>
            `${handleName(s.platform, s.handle)} (${s.lastPostAt ? `${s.days} days` : "no posts on record"})`,
        )
        .join(", ")}`,
    );
  }
  return `• ${row.mission.name}: ${parts.join("; ")}.`;
}
