import type { Deps } from "../core/command.ts";
import { getMissionByCode, getMissionById, listMissions } from "../db/repos/missions-repo.ts";
import { isDemoNetwork } from "../db/repos/settings-repo.ts";
import { alertsReply } from "../digest/alert-reply.ts";
import { checkMissionAlerts } from "../digest/check-alerts.ts";
import { channelTargets, scdChannels } from "../digest/scd-channels.ts";
import { localDateOf } from "../domain/dates.ts";
import type { JobContext, JobDefinition, JobScope } from "./job.ts";

/**
 * Daily alert checks, at 10:00 in each mission's zone: follower drops and spikes, posts far above
 * usual, lost verification badges, silent handles (`alerts.silent_days`, default 14), expired
 * tokens. Each alert is raised once (alerts table); a run's new alerts go in one message to the
 * mission's channels, and the serious ones in another to the SCD's. Synchronous, so a scheduler
 * can run it inside one transaction with its outbox rows.
 */
export const alertsJob: JobDefinition = {
  name: "alerts",
  description: "Daily alert checks per mission at 10:00 local; serious alerts also to the SCD",
  scopes(deps: Deps): JobScope[] {
    return listMissions(deps.db)
      .filter((m) => m.kind !== "hq")
      .map((m) => ({ key: m.code, timezone: m.timezone, missionId: m.id }));
  },
  cron(): string {
    return "0 10 * * *";
  },
  periodKey(scope: JobScope, instant: Date): string {
    return localDateOf(instant.toISOString(), scope.timezone);
  },
  run(ctx: JobContext): void {
    const { db } = ctx.deps;
    const mission =
      ctx.scope.missionId !== null
        ? getMissionById(db, ctx.scope.missionId)
        : getMissionByCode(db, ctx.scope.key);
    if (!mission) return;
    const raised = checkMissionAlerts(db, mission, ctx.periodKey, ctx.now);
    if (raised.length === 0) return;
    ctx.note?.(
      `${raised.length} new ${raised.length === 1 ? "alert" : "alerts"}: ${raised.map((a) => a.kind).join(", ")}`,
    );
    const demo = isDemoNetwork(db);
    // The first new alert's id keeps a second run on the same day from colliding with the first.
    const first = Math.min(...raised.map((a) => a.id));
    const own = channelTargets({ slack: mission.slackChannel, discord: mission.discordChannel });
    if (own.length > 0) {
      const message = alertsReply(raised, { demo });
      for (const t of own) {
        ctx.enqueue({
          key: `alert:${mission.code}:${ctx.periodKey}:${first}:${t.platform}`,
          platform: t.platform,
          channelId: t.channelId,
          kind: "alert",
          missionId: mission.id,
          reply: message,
        });
      }
    }
    const serious = raised.filter((a) => a.severity === "serious");
    if (serious.length === 0) return;
    const message = alertsReply(serious, { forScd: true, demo });
    for (const t of channelTargets(scdChannels(db))) {
      ctx.enqueue({
        key: `alert-scd:${mission.code}:${ctx.periodKey}:${first}:${t.platform}`,
        platform: t.platform,
        channelId: t.channelId,
        kind: "alert",
        missionId: mission.id,
        reply: message,
      });
    }
  },
};
