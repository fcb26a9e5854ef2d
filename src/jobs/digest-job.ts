import { DateTime } from "luxon";
import type { Deps } from "../core/command.ts";
import type { Db } from "../db/client.ts";
import {
  getMissionByCode,
  getMissionById,
  listMissions,
  type MissionRow,
} from "../db/repos/missions-repo.ts";
import { isDemoNetwork } from "../db/repos/settings-repo.ts";
import { digestReply } from "../digest/reply.ts";
import { channelTargets } from "../digest/scd-channels.ts";
import { slotDigest } from "../digest/slot-digests.ts";
import { addDays, localDateOf } from "../domain/dates.ts";
import { digestWeekBefore, isoWeekday, isoWeekLabel, latestDigestWeek } from "../domain/digest-week.ts";
import { firstWorkingDay } from "../domain/working-week.ts";
import type { JobContext, JobDefinition, JobScope } from "./job.ts";

/** A digest scope carries its mission's weekend, so the week it covers needs no database. */
type DigestScope = JobScope & { weekend?: string };

/** The hour (local) digests go out. */
export const DIGEST_HOUR = 9;

/**
 * The weekly digest: every mission with a Slack or Discord channel (HQ excepted) receives, on the
 * first morning of its working week at 09:00 local, the digest of the seven days just ended, one
 * message per platform channel (`digest:<code>:<week>:<platform>`). A mission from which nothing
 * arrived gets the short "no data received" message (outbox kind `digest_no_data`).
 */
export const digestJob: JobDefinition = {
  name: "digest",
  description: "Weekly digest to each mission's channel, on its first working day at 09:00 local",
  scopes(deps: Deps): JobScope[] {
    return listMissions(deps.db)
      .filter((m) => m.kind !== "hq" && (m.slackChannel || m.discordChannel))
      .map((m): DigestScope => ({ key: m.code, timezone: m.timezone, missionId: m.id, weekend: m.weekend }));
  },
  cron(scope: JobScope, deps: Deps): string {
    const weekend = weekendOf(scope) ?? getMissionByCode(deps.db, scope.key)?.weekend ?? "sat-sun";
    return `0 ${DIGEST_HOUR} * * ${firstWorkingDay(weekend)}`;
  },
  periodKey(scope: JobScope, instant: Date): string {
    return digestPeriodKey(localDateOf(instant.toISOString(), scope.timezone), weekendOf(scope));
  },
  async run(ctx: JobContext): Promise<void> {
    const { db, logger } = ctx.deps;
    const mission =
      ctx.scope.missionId !== null
        ? getMissionById(db, ctx.scope.missionId)
        : getMissionByCode(db, ctx.scope.key);
    if (!mission) {
      logger.warn({ scope: ctx.scope.key }, "digest: the mission no longer exists");
      ctx.skip?.("the mission is no longer in the registry");
      return;
    }
    const targets = channelTargets({ slack: mission.slackChannel, discord: mission.discordChannel });
    if (targets.length === 0) {
      ctx.skip?.("no channel: add slack_channel or discord_channel to the mission in the registry");
      return;
    }
    const digest = slotDigest(db, mission, ctx.periodKey, ctx.now.toISOString(), () =>
      missionsDueAt(db, ctx.now, ctx.periodKey),
    );
    if (!digest) return;
    if (digest.kind === "no_data") ctx.note?.("no data received for the week: the short message was sent");
    const message = await digestReply(digest, { demo: isDemoNetwork(db), late: ctx.late });
    for (const target of targets) {
      ctx.enqueue({
        key: `digest:${mission.code}:${ctx.periodKey}:${target.platform}`,
        platform: target.platform,
        channelId: target.channelId,
        kind: digest.kind === "full" ? "digest" : "digest_no_data",
        missionId: mission.id,
        reply: message,
      });
    }
  },
};

/**
 * The week a digest run on local day `runDay` covers, by name (`2026-W47`): the digest week
 * that ended the day before. With the mission's weekend known this is exact for any day. Without
 * it, the week is the ISO week of the last Saturday or Sunday before `runDay`: right for every
 * scheduled run (Monday for sat-sun missions, Sunday for fri-sat ones) and for any run from
 * Monday to Saturday.
 */
export function digestPeriodKey(runDay: string, weekend?: string): string {
  if (weekend !== undefined) return digestWeekBefore(runDay, firstWorkingDay(weekend)).label;
  const yesterday = addDays(runDay, -1);
  const weekday = isoWeekday(yesterday);
  if (weekday === 6 || weekday === 7) return isoWeekLabel(yesterday);
  return latestDigestWeek(yesterday, 1).label;
}

/**
 * The missions whose digest for `week` falls due at `instant`: those with a channel whose local
 * time then is 09:00 on their first working day.
 */
function missionsDueAt(db: Db, instant: Date, week: string): MissionRow[] {
  const at = DateTime.fromJSDate(instant);
  return listMissions(db).filter((m) => {
    if (m.kind === "hq" || !(m.slackChannel || m.discordChannel)) return false;
    const local = at.setZone(m.timezone);
    if (!local.isValid || local.hour !== DIGEST_HOUR || local.minute !== 0) return false;
    if (local.weekday !== firstWorkingDay(m.weekend)) return false;
    return digestPeriodKey(local.toISODate() ?? "", m.weekend) === week;
  });
}

function weekendOf(scope: JobScope): string | undefined {
  const weekend = (scope as DigestScope).weekend;
  return typeof weekend === "string" ? weekend : undefined;
}
