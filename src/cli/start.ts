import { dirname, join } from "node:path";
import { DateTime } from "luxon";
import { runConsole } from "../adapters/console/repl.ts";
import { countMissions } from "../db/repos/missions-repo.ts";
import { getSetting, setSetting } from "../db/repos/settings-repo.ts";
import { seedDemoNetwork } from "../demo/seed.ts";
import { consoleCaller, type AppContext, wireApp } from "../main.ts";

/** Options of `dmd start`. */
export interface StartOptions {
  dbPath?: string;
  operator: string;
}

const CONNECT_HELP = [
  "To put the bot in Slack: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) in .env and run npm start again.",
  "To put it in Discord: set DISCORD_TOKEN and DISCORD_APPLICATION_ID. See README.md, section \"Connecting Slack and Discord\".",
];

/**
 * `dmd start`: runs every chat adapter whose tokens are set; with none, opens the interactive
 * console on the database, seeding the demo network the first time.
 */
export async function runStart(options: StartOptions): Promise<number> {
  const app = wireApp({ dbPath: options.dbPath });
  try {
    const seeded = seedDemoOnFirstRun(app);
    const caller = consoleCaller(options.operator);
    const chartDir = join(dirname(app.config.dbPath), "charts");
    await runConsole({
      input: process.stdin,
      output: process.stdout,
      chartDir,
      color: Boolean(process.stdout.isTTY),
      banner: [
        "Digital Media Dashboard — console",
        `Database: ${app.config.dbPath}${seeded ? " (new: seeded with the demo network)" : ""}`,
        'Type /help for the commands, e.g. /mission-stats washington or /leaderboard engagement 7d. "exit" quits.',
        ...CONNECT_HELP,
      ],
      dispatch: async (text) => {
        const outcome = await app.dispatcher.run({ text, caller });
        return outcome.status === "ok" ? outcome.result.reply : outcome.reply;
      },
    });
    return 0;
  } finally {
    app.close();
  }
}

/** Seeds the demo network into a brand-new database, once: never over real or removed data. */
function seedDemoOnFirstRun(app: AppContext): boolean {
  const { db, clock } = app.deps;
  if (countMissions(db) > 0 || getSetting(db, "first_run_done") !== null) return false;
  const today = DateTime.fromJSDate(clock.now(), { zone: app.config.hqTimezone }).toISODate() ?? "";
  seedDemoNetwork(db, { today });
  setSetting(db, "first_run_done", new Date(clock.now()).toISOString());
  return true;
}
