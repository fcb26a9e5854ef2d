import { userInfo } from "node:os";
import { InvalidArgumentError, Command as Program } from "commander";
import { ConfigError } from "./config.ts";
import { isUserError } from "./core/errors.ts";
import { isIsoDate } from "./domain/dates.ts";

/** Exit codes of `dmd` (DESIGN.md): 0 success, 1 user error, 2 internal error. */
export const EXIT = { ok: 0, user: 1, internal: 2 } as const;

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError("expected a date as YYYY-MM-DD, e.g. 2026-11-27");
  return value;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}

function buildProgram(): Program {
  const program = new Program("dmd")
    .description(
      "Digital Media Dashboard: missions' social media figures in Slack, Discord and this console.",
    )
    .option("--db <path>", "SQLite database file (default: $DMD_DB or ./data/dmd.sqlite)")
    .showHelpAfterError("(run dmd --help for usage)")
    .exitOverride();

  const global = () => program.opts<{ db?: string }>();
  const operator = () => userInfo().username;

  program
    .command("start")
    .description("Run the bot: Slack/Discord when their tokens are set, otherwise the interactive console")
    .action(async () => {
      process.exitCode = await (await import("./cli/start.ts")).runStart({
        dbPath: global().db,
        operator: operator(),
      });
    });

  program
    .command("ask")
    .description('Run one chat command and print the reply, e.g. dmd ask "/mission-stats washington 7d"')
    .argument("<command>", "the chat command, in quotes")
    .option("--json", "print { reply, data } as JSON")
    .option("--as <platform:user>", "run as this user, e.g. slack:U0123ABC (default: the console operator)")
    .option(
      "--as-of <date>",
      "the last day of the figures (default: yesterday in each mission's zone)",
      isoDate,
    )
    .action(async (text: string, opts: { json?: boolean; as?: string; asOf?: string }) => {
      process.exitCode = await (await import("./cli/ask.ts")).runAsk({
        dbPath: global().db,
        text,
        operator: operator(),
        ...opts,
      });
    });

  program
    .command("demo")
    .description("(Re)create the demo network: invented missions, handles, daily figures and posts")
    .option("--missions <n>", "how many missions", positiveInt, 120)
    .option("--days <n>", "how many days of history", positiveInt, 400)
    .option("--seed <seed>", "random seed: the same seed gives the same network", "1")
    .action(async (opts: { missions: number; days: number; seed: string }) => {
      process.exitCode = await (await import("./cli/demo.ts")).runDemo({ dbPath: global().db, ...opts });
    });

  const missions = program.command("missions").description("The mission registry");
  missions
    .command("import")
    .description(
      "Create or update missions from a CSV (code,name,kind,country,city,region,timezone,weekend,…)",
    )
    .argument("<csv>", "the CSV file")
    .action(async (file: string) => {
      process.exitCode = await (await import("./cli/registry-import.ts")).runRegistryImport({
        dbPath: global().db,
        kind: "missions",
        file,
      });
    });

  const handles = program.command("handles").description("The handle registry");
  handles
    .command("import")
    .description("Create or update handles from a CSV (mission,platform,handle,url,external_id,verified)")
    .argument("<csv>", "the CSV file")
    .action(async (file: string) => {
      process.exitCode = await (await import("./cli/registry-import.ts")).runRegistryImport({
        dbPath: global().db,
        kind: "handles",
        file,
      });
    });

  program
    .command("import")
    .description("Import platform exports (CSV or zip) as the platforms ship them")
    .argument("<files...>", "export files")
    .option("--handle <platform:handle>", "the handle the files belong to, when the file does not say")
    .option("--format <name>", "the export format, when detection guesses wrong")
    .option("--dry-run", "check and report, change nothing")
    .action(async (files: string[], opts: { handle?: string; format?: string; dryRun?: boolean }) => {
      process.exitCode = await (await import("./cli/import.ts")).runImport({
        dbPath: global().db,
        files,
        handle: opts.handle,
        format: opts.format,
        dryRun: opts.dryRun ?? false,
        operator: operator(),
      });
    });

  program
    .command("collect")
    .description("Collect figures from the X, Facebook, Instagram and YouTube APIs")
    .option("--platform <platform>", "only this platform")
    .option("--handle <handle>", "only this handle (platform:handle)")
    .action(async (opts: { platform?: string; handle?: string }) => {
      process.exitCode = await (await import("./cli/collect.ts")).runCollect({
        dbPath: global().db,
        ...opts,
      });
    });

  program
    .command("credentials")
    .description("API credentials of handles")
    .command("set")
    .description(
      "Store a handle's page token, encrypted with DMD_SECRET_KEY (read from --token-file or standard input)",
    )
    .argument("<platform:handle>", "the handle, e.g. facebook:ArcadiaEmbassyUSA")
    .option("--token-file <file>", "read the token from this file instead of standard input")
    .option("--expires <date>", "when the token expires (YYYY-MM-DD)")
    .action(async (handle: string, opts: { tokenFile?: string; expires?: string }) => {
      process.exitCode = await (await import("./cli/credentials.ts")).runCredentialsSet({
        dbPath: global().db,
        handle,
        ...opts,
      });
    });

  const slack = program.command("slack").description("Slack set-up");
  slack
    .command("manifest")
    .description("Write the Slack app manifest generated from the commands (Socket Mode unless --http-url)")
    .option("--out <file>", "where to write it (- for standard output)", "slack/manifest.json")
    .option("--http-url <url>", "HTTP mode: the public events URL, e.g. https://dmd.example.org/slack/events")
    .action(async (opts: { out: string; httpUrl?: string }) => {
      process.exitCode = await (await import("./cli/slack-manifest.ts")).runSlackManifest(opts);
    });

  program
    .command("discord")
    .description("Discord set-up")
    .command("register")
    .description(
      "Register the slash commands with Discord: in one server (--guild, else DISCORD_GUILD_ID) or globally",
    )
    .option("--guild <id>", "the server (guild) id: its commands update at once")
    .option("--global", "register for every server, even when DISCORD_GUILD_ID is set")
    .action(async (opts: { guild?: string; global?: boolean }) => {
      process.exitCode = await (await import("./cli/discord-register.ts")).runDiscordRegister(opts);
    });

  const jobs = program
    .command("jobs")
    .description("The scheduled jobs: digests, roll-up, alerts, collection");
  jobs
    .command("list")
    .description("Each job's schedule with its next run, in local and HQ time")
    .option("--job <name>", "only this job")
    .option("--mission <code>", "only this mission (or fleet)")
    .option("--at <instant>", "next runs after this ISO-8601 instant instead of now")
    .action(async (opts: { job?: string; mission?: string; at?: string }) => {
      process.exitCode = await (await import("./cli/jobs.ts")).runJobsList({ dbPath: global().db, ...opts });
    });
  jobs
    .command("run")
    .description("Do what the scheduler would do at an instant: run the job's due slots, then deliver")
    .argument("<job>", "the job, e.g. digest, rollup, alerts, collect")
    .option("--now <instant>", "act as if it were this ISO-8601 instant, e.g. 2026-11-30T09:00:00-05:00")
    .option("--mission <code>", "only this mission")
    .action(async (job: string, opts: { now?: string; mission?: string }) => {
      process.exitCode = await (await import("./cli/jobs.ts")).runJobsRun({
        dbPath: global().db,
        job,
        ...opts,
      });
    });

  program
    .command("doctor")
    .description("Check the configuration: database, Slack tokens, scopes and channels")
    .action(async () => {
      process.exitCode = await (await import("./cli/doctor.ts")).runDoctor({ dbPath: global().db });
    });

  const settings = program
    .command("settings")
    .description("Operator settings kept in the database: the SCD's channels, alert and content thresholds");
  const runSettings = async (action: import("./cli/settings.ts").SettingsAction) => {
    process.exitCode = await (await import("./cli/settings.ts")).runSettings({ dbPath: global().db, action });
  };
  settings
    .command("list")
    .description("Every setting with its value (or what applies when it is not set) and its meaning")
    .action(() => runSettings({ kind: "list" }));
  settings
    .command("set")
    .description("Set a setting, e.g. dmd settings set scd.slack_channel C0123ABCD")
    .argument("<key>", "the setting (see dmd settings list)")
    .argument("<value>", "its new value")
    .action((key: string, value: string) => runSettings({ kind: "set", key, value }));
  settings
    .command("unset")
    .description("Remove a setting, so that its default applies again")
    .argument("<key>", "the setting")
    .action((key: string) => runSettings({ kind: "unset", key }));

  program
    .command("backup")
    .description("Write a consistent copy of the database, safe while the bot runs")
    .argument("<file>", "where to write the copy")
    .option("--overwrite", "replace the file if it exists")
    .action(async (file: string, opts: { overwrite?: boolean }) => {
      process.exitCode = await (await import("./cli/backup.ts")).runBackup({
        dbPath: global().db,
        file,
        overwrite: opts.overwrite ?? false,
      });
    });

  return program;
}

/** Runs the `dmd` command line with `argv` (process.argv form) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Piped into `head` and the like: stop quietly when the reader has gone.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(EXIT.ok);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (
      err &&
      typeof err === "object" &&
      "code" in err &&
      typeof err.code === "string" &&
      err.code.startsWith("commander.")
    ) {
      const exit = (err as { exitCode?: number }).exitCode ?? 1;
      return exit === 0 ? EXIT.ok : EXIT.user;
    }
    if (err instanceof ConfigError || isUserError(err)) {
      process.stderr.write(`${(err as Error).message}\n`);
      return EXIT.user;
    }
    process.stderr.write(`Internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.internal;
  }
}

process.exitCode = await main(process.argv);
