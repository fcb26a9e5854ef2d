import type { Deps } from "../core/command.ts";
import { listMissions } from "../db/repos/missions-repo.ts";
import { isDemoNetwork } from "../db/repos/settings-repo.ts";
import { buildFleetRollup } from "../digest/build-rollup.ts";
import { rollupReply } from "../digest/rollup-reply.ts";
import { channelTargets, scdChannels } from "../digest/scd-channels.ts";
import { localDateOf } from "../domain/dates.ts";
import { digestWeekBefore } from "../domain/digest-week.ts";
import type { JobContext, JobDefinition, JobScope } from "./job.ts";

/** The roll-up's scope key: the whole network. */
export const FLEET_SCOPE = "fleet";

/**
 * The SCD roll-up: Mondays at 09:00 in the HQ zone, the ISO week just ended over the whole
 * network, to the SCD channel (settings `scd.slack_channel` / `scd.discord_channel`, or the HQ
 * mission's channels): one message per platform, `rollup:<week>:<platform>`.
 */
export const rollupJob: JobDefinition = {
  name: "rollup",
  description: "Weekly network roll-up to the SCD channel, Mondays at 09:00 HQ time",
  scopes(deps: Deps): JobScope[] {
    return [{ key: FLEET_SCOPE, timezone: deps.config.hqTimezone, missionId: null }];
  },
  cron(): string {
    return "0 9 * * 1";
  },
  periodKey(scope: JobScope, instant: Date): string {
    return digestWeekBefore(localDateOf(instant.toISOString(), scope.timezone), 1).label;
  },
  run(ctx: JobContext): void {
    const { db, logger } = ctx.deps;
    const targets = channelTargets(scdChannels(db));
    if (targets.length === 0) {
      const why =
        "no SCD channel: run dmd settings set scd.slack_channel <channel> (or scd.discord_channel), or give the hq mission a channel in the registry";
      logger.warn(`rollup: ${why}`);
      ctx.skip?.(why);
      return;
    }
    const rollup = buildFleetRollup(db, ctx.periodKey);
    const message = rollupReply(rollup, { demo: isDemoNetwork(db), late: ctx.late });
    const hq = listMissions(db, { kind: "hq" })[0];
    for (const target of targets) {
      ctx.enqueue({
        key: `rollup:${ctx.periodKey}:${target.platform}`,
        platform: target.platform,
        channelId: target.channelId,
        kind: "rollup",
        missionId: hq?.id ?? null,
        reply: message,
      });
    }
  },
};
