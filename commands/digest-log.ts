import { DateTime } from "luxon";
import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { type ReplyElement, reply } from "../src/core/reply.ts";
import {
  type JobRunRow,
  jobRunsFor,
  type OutboxSummary,
  outboxByKeyPrefix,
} from "../src/db/repos/digest-log-repo.ts";
import { countMissions, listMissions, type MissionRow } from "../src/db/repos/missions-repo.ts";
import { channelTargets, scdChannels } from "../src/digest/scd-channels.ts";
import { addDays } from "../src/domain/dates.ts";
import { digestWeek, latestDigestWeek } from "../src/domain/digest-week.ts";
import { firstWorkingDay } from "../src/domain/working-week.ts";
import { fleetAsOf } from "./support/as-of.ts";
import { parseWeekArg } from "./support/digest-week-arg.ts";
import { noMissionsReply } from "./support/no-missions.ts";

/** A digest delivered more than this long after its slot counts as late. */
const LATE_AFTER_MS = 60 * 60 * 1000;

/** What happened to one digest. */
type Outcome = "sent" | "no_data" | "no_channel" | "queued" | "failed" | "not_due" | "missing";

const OUTCOME_WORDS: Record<Outcome, string> = {
  sent: "sent",
  no_data: "no data: the short message was sent",
  no_channel: "skipped: no channel",
  queued: "waiting to be delivered",
  failed: "failed",
  not_due: "not due yet",
  missing: "not run",
};

/** One mission's line in the log. */
interface LogRow {
  mission: string;
  name: string;
  outcome: Outcome;
  late: boolean;
  /** The slot, ISO instant. */
  due: string;
  sentAt: string | null;
  detail: string | null;
}

/** `/digest log [week]`: which digests of a week went out, late, without data, or not at all. */
export default defineCommand({
  name: "digest log",
  summary: "Which weekly digests were sent, late, skipped (no channel, no data) or failed, for a week.",
  examples: ["digest log", "digest log 2026-W47"],
  args: z.object({
    week: z.string().optional().describe("An ISO week such as 2026-W47; the week just ended when left out"),
  }),
  positional: ["week"],
  minRole: "scd",
  execute(args, ctx) {
    const { db, clock } = ctx.deps;
    if (countMissions(db) === 0) return noMissionsReply();
    const label = args.week ? parseWeekArg(args.week) : latestDigestWeek(fleetAsOf(ctx), 1).label;
    const now = clock.now();
    const runs = jobRunsFor(db, "digest", label);
    const outbox = groupByMission(outboxByKeyPrefix(db, "digest:"), label);
    const rows = listMissions(db)
      .filter((m) => m.kind !== "hq")
      .map((m) => logRow(m, label, runs.get(m.code), outbox.get(m.code) ?? [], now));
    const rollup = rollupLine(db, label, now, ctx.deps.config.hqTimezone);

    const count = (o: Outcome) => rows.filter((r) => r.outcome === o).length;
    const late = rows.filter((r) => r.late).length;
    const summary = [
      `${count("sent")} sent${late > 0 ? ` (${late} late)` : ""}`,
      `${count("no_data")} with no data`,
      `${count("no_channel")} skipped for lack of a channel`,
      count("failed") > 0 ? `${count("failed")} failed` : "",
      count("queued") > 0 ? `${count("queued")} waiting to be delivered` : "",
      count("missing") > 0 ? `${count("missing")} not run` : "",
      count("not_due") > 0 ? `${count("not_due")} not due yet` : "",
    ].filter(Boolean);
    const elements: ReplyElement[] = [
      { type: "header", text: `Digest log — week ${label}` },
      { type: "text", text: `${rows.length} missions: ${summary.join(", ")}.` },
      { type: "context", text: rollup },
    ];
    const exceptions = rows.filter((r) => r.outcome !== "sent" || r.late);
    if (exceptions.length > 0) {
      elements.push({
        type: "table",
        columns: ["Mission", "What happened", "Due (local)", "Detail"],
        align: ["left", "left", "left", "left"],
        rows: exceptions.map((r) => [
          r.name,
          r.late && r.outcome === "sent" ? "sent late" : OUTCOME_WORDS[r.outcome] + (r.late ? " (late)" : ""),
          r.due,
          r.detail ?? "",
        ]),
      });
    } else {
      elements.push({ type: "text", text: "Every digest of the week went out on time." });
    }
    return {
      reply: reply(elements, { fallback: `Digest log ${label}: ${summary.join(", ")}` }),
      data: { week: label, rows, rollup },
    };
  },
});

function groupByMission(rows: OutboxSummary[], label: string): Map<string, OutboxSummary[]> {
  const out = new Map<string, OutboxSummary[]>();
  for (const row of rows) {
    // digest:<code>:<week>:<platform>
    const parts = row.key.split(":");
    if (parts.length !== 4 || parts[2] !== label || !parts[1]) continue;
    const list = out.get(parts[1]) ?? [];
    list.push(row);
    out.set(parts[1], list);
  }
  return out;
}

function logRow(
  m: MissionRow,
  label: string,
  run: JobRunRow | undefined,
  messages: OutboxSummary[],
  now: Date,
): LogRow {
  const period = digestWeek(label, firstWorkingDay(m.weekend));
  const slot = DateTime.fromISO(`${addDays(period.end, 1)}T09:00`, { zone: m.timezone });
  const due = slot.toFormat("ccc d LLL HH:mm");
  const base = { mission: m.code, name: m.name, due, sentAt: null, late: false, detail: null };
  if (!m.slackChannel && !m.discordChannel && messages.length === 0) {
    return {
      ...base,
      outcome: "no_channel",
      detail: "add slack_channel or discord_channel to the mission in the registry",
    };
  }
  if (!run && messages.length === 0) {
    if (now.getTime() < slot.toMillis()) return { ...base, outcome: "not_due" };
    return {
      ...base,
      outcome: "missing",
      detail:
        "no run recorded: the bot may have been offline for more than 3 days; run dmd jobs run digest --mission " +
        m.code,
    };
  }
  if (run?.status === "skipped" && messages.length === 0) {
    return { ...base, outcome: "no_channel", detail: run.detail ?? "skipped" };
  }
  if (run?.status === "failed")
    return { ...base, outcome: "failed", late: run.late, detail: run.detail ?? "the run failed" };
  const failed = messages.find((msg) => msg.status === "failed" || msg.status === "cancelled");
  const sentTimes = messages.map((msg) => msg.sentAt).filter((t): t is string => t !== null);
  const sentAt = sentTimes.sort().at(-1) ?? null;
  const lateDelivery = sentAt !== null && Date.parse(sentAt) - slot.toMillis() > LATE_AFTER_MS;
  const late = (run?.late ?? false) || lateDelivery;
  if (failed) {
    return {
      ...base,
      outcome: "failed",
      late,
      sentAt,
      detail: `${failed.platform}: ${failed.lastError ?? failed.status}; see /outbox`,
    };
  }
  if (messages.length === 0) {
    return {
      ...base,
      outcome: "failed",
      late,
      detail: `the run ended (${run?.status ?? "unknown"}) without a message${run?.detail ? `: ${run.detail}` : ""}`,
    };
  }
  if (messages.some((msg) => msg.status !== "sent"))
    return { ...base, outcome: "queued", late, sentAt, detail: "see /outbox" };
  const noData = messages.some((msg) => msg.kind === "digest_no_data");
  return {
    ...base,
    outcome: noData ? "no_data" : "sent",
    late,
    sentAt,
    detail: late
      ? `sent ${sentAt ?? ""}${run?.late ? " (caught up after the bot was offline)" : ""}`.trim()
      : null,
  };
}

function rollupLine(db: Parameters<typeof scdChannels>[0], label: string, now: Date, hqZone: string): string {
  const run = jobRunsFor(db, "rollup", label).get("fleet");
  const messages = outboxByKeyPrefix(db, `rollup:${label}:`);
  if (messages.length > 0) {
    const sent = messages.filter((m) => m.status === "sent").length;
    return `SCD roll-up: ${sent} of ${messages.length} ${messages.length === 1 ? "message" : "messages"} sent${run?.late ? " (late)" : ""}.`;
  }
  if (channelTargets(scdChannels(db)).length === 0) {
    return "SCD roll-up: not sent, no SCD channel (an admin runs dmd settings set scd.slack_channel <channel>, or gives the hq mission a channel in the registry).";
  }
  if (run) return `SCD roll-up: run ${run.status}${run.detail ? `: ${run.detail}` : ""}.`;
  const slot = DateTime.fromISO(`${addDays(digestWeek(label, 1).end, 1)}T09:00`, { zone: hqZone });
  return `SCD roll-up: ${now.getTime() < slot.toMillis() ? "not due yet" : "not run"}.`;
}
