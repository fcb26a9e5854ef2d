import { collect } from "../ingest/api/collect.ts";
import { withApp } from "./with-app.ts";

/** `dmd collect [--platform p] [--handle h]`: one collection run from the platforms' APIs. */
export async function runCollect(options: {
  dbPath?: string;
  platform?: string;
  handle?: string;
}): Promise<number> {
  return withApp({ dbPath: options.dbPath }, async (app) => {
    const { collect: c } = app.config;
    const results = await collect(app.deps.db, {
      platform: options.platform,
      handle: options.handle,
      now: app.deps.clock.now(),
      logger: app.deps.logger,
      env: {
        X_BEARER_TOKEN: c.xBearerToken,
        YOUTUBE_API_KEY: c.youtubeApiKey,
        DMD_SECRET_KEY: c.secretKey,
        X_API_URL: c.xApiUrl,
        GRAPH_API_URL: c.graphApiUrl,
        YOUTUBE_API_URL: c.youtubeApiUrl,
      },
    });
    if (results.length === 0)
      process.stdout.write("No handles to collect on the API platforms (x, facebook, instagram, youtube).\n");
    for (const r of results) {
      process.stdout.write(`${r.platform} @${r.handle}: ${r.status} — ${r.message}\n`);
    }
    const failed = results.filter((r) => !["ok", "skipped"].includes(r.status)).length;
    process.stdout.write(
      `${results.length} handles: ${results.length - failed} ok or skipped, ${failed} need attention.\n`,
    );
    return 0;
  });
}
