import { dirname, join } from "node:path";
import { DateTime } from "luxon";
import { runConsole } from "../adapters/console/repl.ts";
import { countMissions } from "../db/repos/missions-repo.ts";
import { getSetting, setSetting } from "../db/repos/settings-repo.ts";
import type { Sender } from "../delivery/sender.ts";
import { seedDemoNetwork } from "../demo/seed.ts";
import { type AppContext, consoleCaller, wireApp } from "../main.ts";

/** Options of `dmd start`. */
export interface StartOptions {
  dbPath?: string;
  operator: string;
}

const CONNECT_HELP = [
  "To put the bot in Slack: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) in .env and run npm start again.",
  'To put it in Discord: set DISCORD_TOKEN and DISCORD_APPLICATION_ID. See README.md, section "Connecting Slack and Discord".',
];

/**
 * `dmd start`: runs every chat adapter whose tokens are set; with none, opens the interactive
 * console on the database, seeding the demo network the first time.
 */
export async function runStart(options: StartOptions): Promise<number> {
  const app = wireApp({ dbPath: options.dbPath });
  const { slack, discord } = app.config;
  if ((slack.botToken && (slack.appToken || slack.signingSecret)) || discord.token)
    return runChatAdapters(app);
  if (slack.botToken) {
    process.stderr.write(
      "SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is: set one of them.\n",
    );
    app.close();
    return 1;
  }
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

/** Runs the chat adapters whose tokens are set until SIGINT or SIGTERM. */
async function runChatAdapters(app: AppContext): Promise<number> {
  const log = app.deps.logger.child({ part: "start" });
  const { slack, discord } = app.config;
  const { importFile } = await import("../ingest/import-file.ts");
  const running: { name: string; stop(): Promise<void> }[] = [];
  const senders: Sender[] = [];
  const stopAll = async () => {
    for (const adapter of running.reverse()) await adapter.stop().catch(() => {});
  };
  // What every chat adapter is given, and what each one started adds to the running set.
  const wiring = { dispatcher: app.dispatcher, deps: app.deps, importFile, logger: app.deps.logger };
  const started = (name: string, adapter: { stop(): Promise<void>; sender: Sender }) => {
    running.push({ name, stop: adapter.stop });
    senders.push(adapter.sender);
  };
  try {
    if (slack.botToken && (slack.appToken || slack.signingSecret)) {
      const { startSlack } = await import("../adapters/slack/app.ts");
      const adapter = await startSlack({
        botToken: slack.botToken,
        appToken: slack.appToken,
        signingSecret: slack.signingSecret,
        port: slack.port,
        apiUrl: slack.apiUrl,
        ...wiring,
      });
      started("Slack", adapter);
      log.info({ mode: slack.appToken ? "socket" : "http", port: adapter.port }, "Slack adapter running");
      process.stderr.write(
        `Digital Media Dashboard is running in Slack (${slack.appToken ? "Socket Mode" : `HTTP on port ${adapter.port}`}).\n`,
      );
    } else if (slack.botToken) {
      process.stderr.write(
        "SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: Slack is not started.\n",
      );
    }
    if (discord.token) {
      const { startDiscord } = await import("../adapters/discord/client.ts");
      const adapter = await startDiscord({
        token: discord.token,
        applicationId: discord.applicationId,
        guildId: discord.guildId,
        apiUrl: discord.apiUrl,
        ...wiring,
      });
      started("Discord", adapter);
      log.info({ guild: discord.guildId ?? null }, "Discord adapter running");
      process.stderr.write("Digital Media Dashboard is running in Discord.\n");
    }
    // Last in, first stopped: no run or delivery is left half done when the adapters go.
    const { startBackground } = await import("../jobs/background.ts");
    const background = startBackground(app.deps, senders);
    running.push({ name: "scheduler and outbox", stop: () => background.stop() });
  } catch (err) {
    await stopAll();
    app.close();
    throw err;
  }
  process.stderr.write(
    "Scheduled digests, alerts and collection are on; messages go out through the outbox.\n",
  );
  process.stderr.write("Ctrl-C stops it.\n");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await stopAll();
  app.close();
  return 0;
}
