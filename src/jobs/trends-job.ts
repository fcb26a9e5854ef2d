/**
 * The scheduled trend reports: each mission's monthly report on the first working day of the
 * month at 09:00 local, and the SCD's weekly brief on Mondays at 09:30 HQ time. Both go through
 * the outbox, written by the LLM when one is set up (checked against our figures) and by the
 * automatic summary otherwise.
 */
import type { Deps } from "../core/command.ts";
import { getMissionByCode, getMissionById, listMissions } from "../db/repos/missions-repo.ts";
import { isDemoNetwork } from "../db/repos/settings-repo.ts";
import { channelTargets, scdChannels } from "../digest/scd-channels.ts";
import { addDays, localDateOf } from "../domain/dates.ts";
import { digestWeekBefore, isoWeekday } from "../domain/digest-week.ts";
import { reportLanguages } from "../domain/languages.ts";
import { monthBefore, monthPeriod, weekTrendPeriod } from "../domain/trend-period.ts";
import { parseWeekend } from "../domain/weekend.ts";
import { generateReports, type TrendOutcome } from "../trends/generate.ts";
import { loadMissionFacts, loadNetworkFacts } from "../trends/load-facts.ts";
import { trendReply } from "../trends/reply.ts";
import type { JobContext, JobDefinition, JobScope } from "./job.ts";

/** The hour (local) monthly reports go out. */
export const TRENDS_HOUR = 9;

/** The SCD brief's scope key. */
export const SCD_SCOPE = "scd";

/** A monthly scope carries its mission's weekend, so its schedule needs no database. */
type TrendScope = JobScope & { weekend?: string };

/**
 * The first working day (`YYYY-MM-DD`) of the month `YYYY-MM` for a mission with `weekend`
 * (`sat-sun`, `fri-sat`, `fri`…; an unreadable weekend counts as sat-sun).
 */
export function firstWorkingDayOfMonth(month: string, weekend: string): string {
  const off = parseWeekend(weekend) ?? [6, 7];
  let day = `${month}-01`;
  while (off.includes(isoWeekday(day))) day = addDays(day, 1);
  return day;
}

/**
 * The month a monthly run on local day `day` reports on: the month before, from the month's
 * first working day on; before it (a weekend at the start of the month), the month before that,
 * which was reported last month. The scheduler fires on days 1 to 4 and the ledger keeps the
 * first run of each key, so each month is reported once, on its first working day.
 */
export function monthlyPeriodKey(day: string, weekend: string): string {
  const month = day.slice(0, 7);
  const reported = monthBefore(month);
  return day >= firstWorkingDayOfMonth(month, weekend) ? reported : monthBefore(reported);
}

function weekendOf(scope: JobScope, deps?: Deps): string {
  const own = (scope as TrendScope).weekend;
  if (typeof own === "string") return own;
  return (deps ? getMissionByCode(deps.db, scope.key)?.weekend : undefined) ?? "sat-sun";
}

function sources(outcomes: TrendOutcome[]): string {
  return outcomes
    .map((o) => `${o.requestedLanguage}: ${o.source}${o.fallbackReason ? ` (${o.fallbackReason})` : ""}`)
    .join("; ");
}

/**
 * Each mission's monthly trend report, to its Slack and Discord channels
 * (`trends:<code>:<YYYY-MM>:<platform>`), in its working language and in English.
 */
export const monthlyTrendJob: JobDefinition = {
  name: "trends-monthly",
  description:
    "Monthly trend report to each mission's channel, on the first working day of the month at 09:00 local",
  scopes(deps: Deps): JobScope[] {
    return listMissions(deps.db)
      .filter((m) => m.kind !== "hq" && (m.slackChannel || m.discordChannel))
      .map((m): TrendScope => ({ key: m.code, timezone: m.timezone, missionId: m.id, weekend: m.weekend }));
  },
  // Cron cannot say "first working day": fire on the days it can be, and let the period key
  // (and the ledger) keep the one that is.
  cron(): string {
    return `0 ${TRENDS_HOUR} 1-4 * *`;
  },
  periodKey(scope: JobScope, instant: Date): string {
    return monthlyPeriodKey(localDateOf(instant.toISOString(), scope.timezone), weekendOf(scope));
  },
  catchUp: "every",
  async run(ctx: JobContext): Promise<void> {
    const { db } = ctx.deps;
    const mission =
      ctx.scope.missionId !== null
        ? getMissionById(db, ctx.scope.missionId)
        : getMissionByCode(db, ctx.scope.key);
    if (!mission) {
      ctx.skip?.("the mission is no longer in the registry");
      return;
    }
    const day = localDateOf(ctx.now.toISOString(), mission.timezone);
    const month = day.slice(0, 7);
    const due = firstWorkingDayOfMonth(month, mission.weekend);
    if (day !== due || ctx.periodKey !== monthBefore(month)) {
      ctx.skip?.(
        `not due: the report on ${ctx.periodKey} goes out on the first working day of the month after it`,
      );
      return;
    }
    const targets = channelTargets({ slack: mission.slackChannel, discord: mission.discordChannel });
    if (targets.length === 0) {
      ctx.skip?.("no channel: add slack_channel or discord_channel to the mission in the registry");
      return;
    }
    const pack = loadMissionFacts(db, mission, monthPeriod(ctx.periodKey));
    const outcomes = await generateReports(ctx.deps, pack, reportLanguages(mission.language));
    const message = trendReply(pack, outcomes, { demo: isDemoNetwork(db), late: ctx.late, ephemeral: false });
    for (const target of targets) {
      ctx.enqueue({
        key: `trends:${mission.code}:${ctx.periodKey}:${target.platform}`,
        platform: target.platform,
        channelId: target.channelId,
        kind: "trend_report",
        missionId: mission.id,
        reply: message,
      });
    }
    ctx.note?.(sources(outcomes));
  },
};

/**
 * The SCD's weekly brief on all missions abroad, Mondays at 09:30 HQ time, on the ISO week just
 * ended, to the SCD channels (`scd-brief:<week>:<platform>`), in English and in the HQ mission's
 * working language when it has one.
 */
export const weeklyScdBriefJob: JobDefinition = {
  name: "scd-brief",
  description:
    "Weekly brief on all missions to the SCD channel, written from our figures, Mondays at 09:30 HQ time",
  scopes(deps: Deps): JobScope[] {
    return [{ key: SCD_SCOPE, timezone: deps.config.hqTimezone, missionId: null }];
  },
  cron(): string {
    return "30 9 * * 1";
  },
  periodKey(scope: JobScope, instant: Date): string {
    return digestWeekBefore(localDateOf(instant.toISOString(), scope.timezone), 1).label;
  },
  async run(ctx: JobContext): Promise<void> {
    const { db, config } = ctx.deps;
    const targets = channelTargets(scdChannels(db));
    if (targets.length === 0) {
      ctx.skip?.(
        "no SCD channel: run dmd settings set scd.slack_channel <channel> (or scd.discord_channel), or give the hq mission a channel in the registry",
      );
      return;
    }
    const hq = listMissions(db, { kind: "hq" })[0];
    const pack = loadNetworkFacts(db, weekTrendPeriod(ctx.periodKey), {
      hqTimezone: config.hqTimezone,
      language: hq?.language ?? null,
    });
    const outcomes = await generateReports(ctx.deps, pack, reportLanguages(hq?.language));
    const message = trendReply(pack, outcomes, { demo: isDemoNetwork(db), late: ctx.late, ephemeral: false });
    for (const target of targets) {
      ctx.enqueue({
        key: `scd-brief:${ctx.periodKey}:${target.platform}`,
        platform: target.platform,
        channelId: target.channelId,
        kind: "trend_report",
        missionId: hq?.id ?? null,
        reply: message,
      });
    }
    ctx.note?.(sources(outcomes));
  },
};
