import type { Deps } from "../core/command.ts";
import { localDateOf } from "../domain/dates.ts";
import { collect } from "../ingest/api/collect.ts";
import type { JobContext, JobDefinition, JobScope } from "./job.ts";

/** The hour (HQ time) the daily collection runs: before the alert checks and the digests. */
export const COLLECT_HOUR = 6;

/**
 * Daily metric collection from the X, Facebook, Instagram and YouTube APIs (what `dmd collect`
 * does), at 06:00 HQ time. Only the latest missed run is caught up: the APIs give today's
 * figures, so a run for an earlier day would add nothing.
 */
export const collectJob: JobDefinition = {
  name: "collect",
  description: `Daily metric collection from the platform APIs (${String(COLLECT_HOUR).padStart(2, "0")}:00 HQ time)`,
  scopes(deps: Deps): JobScope[] {
    return [{ key: "fleet", timezone: deps.config.hqTimezone, missionId: null }];
  },
  cron(): string {
    return `0 ${COLLECT_HOUR} * * *`;
  },
  periodKey(scope: JobScope, instant: Date): string {
    return localDateOf(instant.toISOString(), scope.timezone);
  },
  catchUp: "latest",
  async run(ctx: JobContext): Promise<void> {
    const { db, config, logger, clock } = ctx.deps;
    const c = config.collect;
    const results = await collect(db, {
      // Figures are stamped with the day they are collected, even for a run that is late.
      now: clock.now(),
      logger,
      env: {
        X_BEARER_TOKEN: c.xBearerToken,
        YOUTUBE_API_KEY: c.youtubeApiKey,
        DMD_SECRET_KEY: c.secretKey,
        X_API_URL: c.xApiUrl,
        GRAPH_API_URL: c.graphApiUrl,
        YOUTUBE_API_URL: c.youtubeApiUrl,
      },
    });
    if (results.length === 0) {
      ctx.skip?.("no handles on the API platforms (x, facebook, instagram, youtube)");
      return;
    }
    const ok = results.filter((r) => r.status === "ok").length;
    const skipped = results.filter((r) => r.status === "skipped").length;
    const failed = results.length - ok - skipped;
    ctx.note?.(`${results.length} handles: ${ok} collected, ${skipped} skipped, ${failed} need attention`);
  },
};
