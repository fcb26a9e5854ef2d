import { DateTime } from "luxon";
import { seedDemoNetwork } from "../demo/seed.ts";
import { wireApp } from "../main.ts";

/** Options of `dmd demo`. */
export interface DemoCliOptions {
  dbPath?: string;
  missions: number;
  days: number;
  seed: string;
}

/** `dmd demo`: (re)creates the demo network and says what it made. */
export async function runDemo(options: DemoCliOptions): Promise<number> {
  const app = wireApp({ dbPath: options.dbPath });
  try {
    const today =
      DateTime.fromJSDate(app.deps.clock.now(), { zone: app.config.hqTimezone }).toISODate() ?? "";
    const summary = seedDemoNetwork(app.deps.db, {
      missions: options.missions,
      days: options.days,
      seed: options.seed,
      today,
    });
    process.stdout.write(
      `Demo network created in ${app.config.dbPath}: ${summary.missions} missions, ${summary.handles} handles, ` +
        `${summary.dailyMetrics.toLocaleString("en-US")} daily readings, ${summary.posts.toLocaleString("en-US")} posts (seed ${options.seed}).\n` +
        `Try: dmd ask "/mission-stats washington"\n`,
    );
    return 0;
  } finally {
    app.close();
  }
}
